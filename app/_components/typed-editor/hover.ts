import type { Extension } from "@codemirror/state";
import { activateHover, closeHoverTooltips, hasHoverTooltips, hoverTooltip, keymap, type EditorView } from "@codemirror/view";
import { typeInfo } from "./render";
import type { TypedSession } from "./session";

/** The declaration and documentation of what is under the pointer (or, with Ctrl-K Ctrl-I, the cursor). */
export function typeHover(session: TypedSession): Extension {
  const tooltip = hoverTooltip(
    async (view, pos) => {
      session.sync(view.state);
      const hover = await session.service.hover(pos);
      if (!hover || !session.current(view.state) || !hover.signature) return null;
      return { pos: hover.from, end: hover.to, above: true, create: () => ({ dom: typeInfo(hover.signature, hover.documentation) }) };
    },
    { hideOnChange: true },
  );
  const showAtCursor = (view: EditorView) => {
    const head = view.state.selection.main.head;
    activateHover(view, head, -1, { tooltip, until: (transaction) => transaction.docChanged || transaction.selection !== undefined });
    return true;
  };
  // Esc closes a tooltip and goes on to the other Esc handlers (completions, Esc-then-Tab): it never stops there.
  const closeAll = (view: EditorView) => {
    if (hasHoverTooltips(view.state)) view.dispatch({ effects: closeHoverTooltips });
    return false;
  };
  return [tooltip, keymap.of([{ key: "Ctrl-k Ctrl-i", run: showAtCursor }, { key: "Escape", run: closeAll }])];
}
