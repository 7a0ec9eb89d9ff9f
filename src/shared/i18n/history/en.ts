/** History at scale: search filters, paging, and the Storage section (size, compact, export/import). */
export const historyEn = {
  search: {
    filters: 'Search filters',
    source: 'Where to search',
    sources: {
      all: 'Everywhere',
      chat: 'Chats',
      compare: 'Compare',
    },
    role: 'Who wrote it',
    roles: {
      any: 'Anyone',
      user: 'You',
      assistant: 'Assistant',
    },
    model: 'Answers by model',
    anyModel: 'Any model',
    here: 'Only this conversation',
    recentOnly: 'Words under three letters are searched in recent messages only. Type three or more to search everything.',
    more: 'Loading more results…',
    compareHit: 'Compare',
  },
  list: {
    loadingMore: 'Loading more conversations…',
  },
  messages: {
    loadingOlder: 'Loading earlier messages…',
  },
  storage: {
    title: 'Storage',
    description: 'Conversations, comparisons and results live in one database file in the data folder.',
    size: 'Database size',
    reclaimable: 'Unused space',
    contents: 'Chat history',
    counts: '{{conversations}} conversations, {{messages}} messages',
    compact: 'Compact',
    compactHint:
      'Compact rewrites the database without its unused space and tidies the search index. Caliper pauses until it is done, about a minute per gigabyte, and needs free disk space of about twice the database size. Export saves every chat conversation, with all its branches, as one file; Import adds the conversations of such a file, skipping those already here.',
    export: 'Export all chats',
    import: 'Import chats…',
    compacting: 'Compacting…',
    steps: {
      index: 'Compacting: tidying the search index…',
      vacuum: 'Compacting: rewriting the database…',
      checkpoint: 'Compacting: finishing…',
    },
    compacted: 'Compacted: {{before}} before, {{after}} now.',
    exporting: 'Exporting: {{done}} of {{total}} conversations…',
    exported: 'Exported {{conversations}} conversations ({{messages}} messages).',
    importing: 'Importing: {{percent}}%…',
    imported: 'Imported {{conversations}} conversations ({{messages}} messages).',
    duplicates_one: '{{count}} conversation was already here and was left as it is.',
    duplicates_other: '{{count}} conversations were already here and were left as they are.',
  },
};
