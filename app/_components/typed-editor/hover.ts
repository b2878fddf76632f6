import type { Extension } from "@codemirror/state";
import { activateHover, closeHoverTooltips, EditorView, hasHoverTooltips, hoverTooltip, keymap, type Tooltip } from "@codemirror/view";
import { hoverAnnouncement } from "./announce";
import { typeInfo } from "./render";
import type { TypedSession } from "./session";

/** The view as the hover source uses it (a fake one in the unit tests). */
type HoverView = Pick<EditorView, "state" | "dispatch">;

/**
 * The hover's source, and the keyboard's way to ask it: a hover the student asked for with Ctrl-K Ctrl-I is
 * also said through the editor's live region (a pointer's hover is not: it would talk over the typing).
 */
export function typeHoverSource(session: TypedSession) {
  let keyboardAt: number | null = null;
  const source = async (view: HoverView, pos: number): Promise<Tooltip | null> => {
    const byKeyboard = keyboardAt === pos;
    keyboardAt = null;
    session.sync(view.state);
    const hover = await session.service.hover(pos);
    if (!hover || !session.current(view.state) || !hover.signature) return null;
    if (byKeyboard) view.dispatch({ effects: EditorView.announce.of(hoverAnnouncement(hover)) });
    return { pos: hover.from, end: hover.to, above: true, create: () => ({ dom: typeInfo(hover.signature, hover.documentation) }) };
  };
  return { source, askedByKeyboard: (pos: number) => void (keyboardAt = pos) };
}

/** The declaration and documentation of what is under the pointer (or, with Ctrl-K Ctrl-I, the cursor). */
export function typeHover(session: TypedSession): Extension {
  const { source, askedByKeyboard } = typeHoverSource(session);
  const tooltip = hoverTooltip(source, { hideOnChange: true });
  const showAtCursor = (view: EditorView) => {
    const head = view.state.selection.main.head;
    askedByKeyboard(head);
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
