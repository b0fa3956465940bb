/**
 * The one question the app asks before replacing a project that has unsaved
 * changes. Components render `unsaved` when it is set; `askUnsaved` waits for the answer.
 */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

interface UnsavedQuestion {
  projectName: string;
  action: string;
  answer: (a: UnsavedAnswer) => void;
}

export const dialogs = $state<{ unsaved: UnsavedQuestion | null }>({ unsaved: null });

export function askUnsaved(projectName: string, action: string): Promise<UnsavedAnswer> {
  dialogs.unsaved?.answer('cancel');
  return new Promise((resolve) => {
    dialogs.unsaved = {
      projectName,
      action,
      answer: (a) => {
        dialogs.unsaved = null;
        resolve(a);
      },
    };
  });
}
