/**
 * Built-in texts for quality measurements, all in the public domain: the opening of Jane Austen's
 * "Pride and Prejudice" (1813) and of Lewis Carroll's "Alice's Adventures in Wonderland" (1865);
 * Tao Yuanming's 《桃花源记》 (5th century) and the first chapter of the Analects 《论语·学而》.
 */
export const QUALITY_SAMPLES = {
  en: [
    'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.',
    'However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well',
    'fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.',
    '"My dear Mr. Bennet," said his lady to him one day, "have you heard that Netherfield Park is let at last?"',
    'Mr. Bennet replied that he had not. "But it is," returned she; "for Mrs. Long has just been here, and she told me all about it."',
    'Mr. Bennet made no answer. "Do you not want to know who has taken it?" cried his wife impatiently.',
    '"You want to tell me, and I have no objection to hearing it." This was invitation enough.',
    'Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: once or twice she had',
    'peeped into the book her sister was reading, but it had no pictures or conversations in it, "and what is the use of a book,"',
    'thought Alice "without pictures or conversations?" So she was considering in her own mind (as well as she could, for the hot day',
    'made her feel very sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of getting up and',
    'picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.',
  ].join(' '),
  zh: [
    '晋太元中，武陵人捕鱼为业。缘溪行，忘路之远近。忽逢桃花林，夹岸数百步，中无杂树，芳草鲜美，落英缤纷。渔人甚异之，复前行，欲穷其林。',
    '林尽水源，便得一山，山有小口，仿佛若有光。便舍船，从口入。初极狭，才通人。复行数十步，豁然开朗。',
    '土地平旷，屋舍俨然，有良田、美池、桑竹之属。阡陌交通，鸡犬相闻。其中往来种作，男女衣着，悉如外人。黄发垂髫，并怡然自乐。',
    '见渔人，乃大惊，问所从来。具答之。便要还家，设酒杀鸡作食。村中闻有此人，咸来问讯。',
    '自云先世避秦时乱，率妻子邑人来此绝境，不复出焉，遂与外人间隔。问今是何世，乃不知有汉，无论魏晋。',
    '子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？”',
    '有子曰：“其为人也孝弟，而好犯上者，鲜矣；不好犯上，而好作乱者，未之有也。君子务本，本立而道生。孝弟也者，其为仁之本与！”',
    '子曰：“巧言令色，鲜矣仁！”曾子曰：“吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？”',
  ].join(''),
} as const;
