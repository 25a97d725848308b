import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { yCollab } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** CodeMirror 6 bound to a shared text: everyone's edits, and their carets and selections in their colour. */
export interface NotesEditorProps {
  readonly text: Y.Text;
  readonly awareness: Awareness;
  /** Shows the text and everyone's carets without letting this user change it. */
  readonly readOnly: boolean;
}

export function NotesEditor({ text, awareness, readOnly }: NotesEditorProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          yCollab(text, awareness),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': 'Shared notes', 'aria-multiline': 'true' }),
        ],
      }),
    });
    return () => view.destroy();
  }, [text, awareness, readOnly]);

  return <div ref={host} className="notes__editor" />;
}
