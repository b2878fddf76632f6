/** The typed editor's tooltips are visual; what they say reaches a screen reader through the editor's live region. */
import { EditorState, type Transaction } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it, vi } from "vitest";
import type { TypeHover, TypeService, TypeSignatureHelp } from "@/lib/editor/protocol";
import { typeHoverSource } from "@/app/_components/typed-editor/hover";
import { TypedSession } from "@/app/_components/typed-editor/session";
import { setSignatureHelp, typeSignatureHelp } from "@/app/_components/typed-editor/signature-help";

const TIDY: TypeHover = {
  from: 3,
  to: 7,
  signature: "function tidy<T extends TensorContainer>(nameOrFn: string | ScopeFn<T>, fn?: ScopeFn<T>): T",
  documentation: "Executes the provided function `fn` and after it is executed,\ncleans up all intermediate tensors.\n\nMore detail here.",
};

const TENSOR: TypeSignatureHelp = {
  signatures: [
    {
      prefix: "tensor(",
      parameters: [
        { label: "values: TensorLike", documentation: "The values of the tensor." },
        { label: "shape?: ShapeMap[R]", documentation: "The shape of the tensor." },
      ],
      separator: ", ",
      suffix: "): Tensor<R>",
      documentation: "Creates a tf.Tensor with the provided values, shape and dtype.",
    },
  ],
  activeSignature: 0,
  activeParameter: 0,
};

function sessionAnswering(hover: TypeHover | null): TypedSession {
  const service = { update: () => {}, hover: async () => hover } as unknown as TypeService;
  return new TypedSession(service, null);
}

function announced(transactions: { effects?: unknown }[]): string[] {
  return transactions.flatMap((spec) => [spec.effects].flat()).filter((e) => (e as { is?: (t: unknown) => boolean })?.is?.(EditorView.announce)).map((e) => (e as { value: string }).value);
}

describe("hover (Ctrl-K Ctrl-I)", () => {
  it("says the signature and the documentation's first paragraph when the keyboard asked for it", async () => {
    const dispatch = vi.fn();
    const view = { state: EditorState.create({ doc: "tf.tidy(() => 1)" }), dispatch };
    const { source, askedByKeyboard } = typeHoverSource(sessionAnswering(TIDY));
    askedByKeyboard(5);
    const tooltip = await source(view as unknown as EditorView, 5);
    expect(tooltip?.pos).toBe(3);
    expect(announced(dispatch.mock.calls.map(([spec]) => spec))).toEqual([`${TIDY.signature}. Executes the provided function \`fn\` and after it is executed, cleans up all intermediate tensors.`]);
  });

  it("stays quiet for a pointer's hover, and for a keyboard hover with nothing to show", async () => {
    const dispatch = vi.fn();
    const view = { state: EditorState.create({ doc: "tf.tidy(() => 1)" }), dispatch };
    const { source, askedByKeyboard } = typeHoverSource(sessionAnswering(TIDY));
    await source(view as unknown as EditorView, 5);
    const nothing = typeHoverSource(sessionAnswering(null));
    nothing.askedByKeyboard(5);
    expect(await nothing.source(view as unknown as EditorView, 5)).toBeNull();
    askedByKeyboard(5);
    await source(view as unknown as EditorView, 6);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe("signature help", () => {
  const session = sessionAnswering(null);
  const open = (state: EditorState, help: TypeSignatureHelp): Transaction => state.update({ effects: setSignatureHelp.of({ pos: 10, help }) });

  it("says the active parameter, its documentation and the signature when it opens, once per change", () => {
    const state = EditorState.create({ doc: "tf.tensor(", extensions: typeSignatureHelp(session) });
    const first = open(state, TENSOR);
    expect(announced([first])).toEqual(["Parameter 1 of 2: values: TensorLike. The values of the tensor. tensor(values: TensorLike, shape?: ShapeMap[R]): Tensor<R>."]);
    const again = open(first.state, TENSOR);
    expect(announced([again])).toEqual([]);
    const next = open(again.state, { ...TENSOR, activeParameter: 1 });
    expect(announced([next])[0]).toMatch(/^Parameter 2 of 2: shape\?: ShapeMap\[R\]\. The shape of the tensor\./);
    const closed = next.state.update({ effects: setSignatureHelp.of(null) });
    expect(announced([closed])).toEqual([]);
    expect(announced([open(closed.state, TENSOR)])).toHaveLength(1);
  });
});
