/** Builds the Lexical JSON a richText field stores, from plain headings and paragraphs. */
type Node = { kind: 'h2' | 'h3' | 'p'; text: string }

const textNode = (text: string) => ({
  type: 'text',
  text,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})

export function lexicalDocument(nodes: Node[]) {
  return {
    root: {
      type: 'root',
      format: '' as const,
      indent: 0,
      version: 1,
      direction: 'ltr' as const,
      children: nodes.map((node) =>
        node.kind === 'p'
          ? {
              type: 'paragraph',
              format: '',
              indent: 0,
              version: 1,
              direction: 'ltr',
              textFormat: 0,
              children: [textNode(node.text)],
            }
          : {
              type: 'heading',
              tag: node.kind,
              format: '',
              indent: 0,
              version: 1,
              direction: 'ltr',
              children: [textNode(node.text)],
            },
      ),
    },
  }
}
