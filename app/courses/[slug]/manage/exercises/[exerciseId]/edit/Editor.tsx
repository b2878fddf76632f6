"use client";

import { useMemo } from "react";
import { ExerciseEditor, type EditorActions } from "@/app/_components/authoring/ExerciseEditor";
import type { DraftCheck, PackageFiles } from "@/lib/authoring/types";
import { previewPromptAction, publishDraftAction, saveDraftAction, tryDraftAction } from "./actions";

interface Props {
  slug: string;
  exerciseId: string;
  files: PackageFiles;
  previewHref: string | null;
  lastCheck: DraftCheck | null;
  draftChanged: boolean;
  publishedVersion: string | null;
}

/** The editor bound to this exercise's server actions. */
export function Editor({ slug, exerciseId, ...rest }: Props) {
  const actions = useMemo<EditorActions>(
    () => ({
      save: (files) => saveDraftAction(null, { slug, exerciseId, files: JSON.stringify(files) }),
      tryCode: (code, mode) => tryDraftAction(null, { slug, exerciseId, code, mode }),
      publish: () => {
        const form = new FormData();
        form.set("slug", slug);
        form.set("exerciseId", exerciseId);
        return publishDraftAction(null, form);
      },
      renderPrompt: (markdown) => previewPromptAction(null, { slug, exerciseId, markdown }),
    }),
    [slug, exerciseId],
  );
  return <ExerciseEditor {...rest} actions={actions} />;
}
