import { useState } from 'react';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import { Modal } from '../workbench/Modal.js';
import type { useImportRecording } from './useImportRecording.js';
import { BrowseButton } from '../files/BrowseButton.js';
import { MEDIA_EXTENSIONS } from '../../../shared/media/mediaTypes.js';
import './media.css';

const RECORDING_EXTENSIONS = MEDIA_EXTENSIONS.map((e) => `.${e}`);
const TIMED_EXTENSIONS = ['.vtt', '.srt', '.txt', '.docx'];

interface Props {
  importer: ReturnType<typeof useImportRecording>;
  caseFromFileName: boolean;
  onClose: () => void;
}

/** Paths of a recording and (optionally) its timed transcript, on this computer. */
export function ImportRecordingDialog({ importer, caseFromFileName, onClose }: Props) {
  const [media, setMedia] = useState('');
  const [transcript, setTranscript] = useState('');
  const busy = importer.job.running;
  return (
    <Modal
      title="Import a recording"
      onClose={onClose}
      actions={
        <>
          {busy ? (
            <button type="button" onClick={importer.job.cancel} disabled={importer.job.cancelling}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
          <button type="submit" form="import-recording" className="primary" disabled={busy || !media.trim()}>
            Import
          </button>
        </>
      }
    >
      <form
        id="import-recording"
        className="import-recording"
        onSubmit={(e) => {
          e.preventDefault();
          void importer.start(media.trim(), transcript, caseFromFileName);
        }}
      >
        <label>
          Recording (.mp3 .m4a .aac .wav .ogg .opus .mp4 .webm)
          <span className="path-field">
            <input value={media} onChange={(e) => setMedia(e.target.value)} placeholder="/home/me/interviews/E4.m4a" aria-label="Path of the recording" />
            <BrowseButton mode="open" label="Browse…" title="Choose the recording" extensions={RECORDING_EXTENSIONS} kind="import-recording" testId="browse-recording" onChoose={setMedia} />
          </span>
        </label>
        <label>
          Transcript with times (optional: .vtt, .srt, or .txt/.docx with timestamps)
          <span className="path-field">
            <input value={transcript} onChange={(e) => setTranscript(e.target.value)} placeholder="/home/me/interviews/E4.vtt" aria-label="Path of the transcript" />
            <BrowseButton mode="open" label="Browse…" title="Choose the timed transcript" extensions={TIMED_EXTENSIONS} kind="import-transcript" testId="browse-transcript" onChoose={setTranscript} />
          </span>
        </label>
        <p className="hint">Recordings up to 1 GB are stored inside the project file; larger ones are linked where they are.</p>
      </form>
      <JobProgressBar job={importer.job} what="Importing the recording" />
      {importer.problem && <p className="media-problem">{importer.problem}</p>}
      {importer.result?.status === 'imported' && (
        <p>
          Imported “{importer.result.name}”{importer.result.warnings?.length ? ` — ${importer.result.warnings.join('; ')}` : ''}.
        </p>
      )}
    </Modal>
  );
}
