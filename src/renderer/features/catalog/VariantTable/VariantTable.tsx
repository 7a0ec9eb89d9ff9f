import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { variantLicense, type CatalogFamily, type CatalogVariant } from '../../../../shared/contract';
import { attentionKind, formatBillions, formatContext } from '../catalogFormat';

const columns = ['name', 'parameters', 'context', 'architecture', 'layers', 'attention', 'notes'] as const;

/** Every variant's numbers: size, context, layers, attention layout, window, experts. */
export function VariantTable({ family }: { family: CatalogFamily }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;

  const attention = (v: CatalogVariant) => {
    const kind = attentionKind(v);
    return kind ? t(`catalog.facts.${kind}`, { heads: v.heads, kv: v.kvHeads }) : t('common.none');
  };
  const notes = (v: CatalogVariant) => {
    const parts: string[] = [];
    if (v.extendedContextLength) parts.push(t('catalog.facts.extended', { value: formatContext(v.extendedContextLength, locale) }));
    if (v.slidingWindow) parts.push(t('catalog.facts.slidingWindow', { value: formatContext(v.slidingWindow, locale) }));
    if (v.experts) parts.push(t('catalog.facts.experts', { used: v.experts.used, total: v.experts.total }));
    if (family.licenses.length > 1) parts.push(variantLicense(family, v).name);
    return parts.length ? parts.join('; ') : t('common.none');
  };
  const parameters = (v: CatalogVariant) =>
    v.activeParametersB
      ? t('catalog.facts.active', { total: formatBillions(v.parametersB, locale), active: formatBillions(v.activeParametersB, locale) })
      : formatBillions(v.parametersB, locale);

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing={4} fz="sm" captionSide="top" data-testid="variant-table">
        <Table.Caption style={{ textAlign: 'start' }}>{t('catalog.variant.caption', { name: family.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col" style={{ whiteSpace: 'nowrap' }}>
                {t(`catalog.variant.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {family.variants.map((v) => (
            <Table.Tr key={v.name}>
              <Table.Th scope="row" fw={500}>
                {v.name}
              </Table.Th>
              <Table.Td>{parameters(v)}</Table.Td>
              <Table.Td>{formatContext(v.contextLength, locale)}</Table.Td>
              <Table.Td ff="monospace">{v.ggufArchitecture ?? t('catalog.variant.noGguf')}</Table.Td>
              <Table.Td>{v.layers ?? t('common.none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{attention(v)}</Table.Td>
              <Table.Td>{notes(v)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
