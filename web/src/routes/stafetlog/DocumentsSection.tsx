// Attached documents (S4): a list with download links (the server sends them as attachments
// and audits each download) and, for those who may write, an upload. The file goes as base64
// in JSON; size and type are checked here first (≤ 5 MB; pdf, Word, odt, text, png, jpeg) so
// the user learns at once, and again by the server.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LogDocument } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { TextField } from '../../components/FormField.tsx';
import { formatSize } from './labels.ts';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Extension → media type, for browsers that leave File.type empty. */
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export function mediaTypeOf(file: { name: string; type: string }): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const byExt = MEDIA_TYPES[ext];
  if (!byExt) return null;
  return file.type && Object.values(MEDIA_TYPES).includes(file.type) ? file.type : byExt;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function DocumentsSection() {
  const { t, i18n } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const canWrite = log.status === 'open' && log.me.canWrite;
  const columns: Column<LogDocument>[] = [
    {
      key: 'name',
      header: t('documents.fileName'),
      rowHeader: true,
      cell: (d) => (
        <a href={`/api/stafetlogs/${log.id}/documents/${d.id}`} download={d.fileName}>
          {d.fileName}
          <span className="sr-only"> {t('documents.download')}</span>
        </a>
      ),
    },
    { key: 'size', header: t('documents.size'), className: 'tidlig-nowrap', cell: (d) => formatSize(d.sizeBytes, i18n.language) },
    { key: 'by', header: t('documents.uploadedBy'), cell: (d) => (d.uploadedBy.kind === 'citizen' ? t('entries.byParent', { name: d.uploadedBy.name }) : d.uploadedBy.name) },
    { key: 'at', header: t('documents.uploadedAt'), className: 'tidlig-nowrap', cell: (d) => formatDateTime(d.createdAt) },
  ];
  return (
    <section className="tidlig-section" aria-labelledby="log-documents-heading">
      <h2 id="log-documents-heading" tabIndex={-1}>
        {t('documents.heading')}
      </h2>
      <DataTable caption={t('documents.caption')} captionHidden columns={columns} rows={log.documents} rowKey={(d) => d.id} empty={t('documents.empty')} />
      {canWrite ? <UploadForm /> : null}
    </section>
  );
}

function UploadForm() {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const upload = useLogWrite((l, body: { fileName: string; mediaType: string; contentBase64: string }) => api.post(`/api/stafetlogs/${l.id}/documents`, body), {
    done: (b) => t('documents.uploaded', { name: b.fileName }),
    onSuccess: () => {
      if (input.current) input.current.value = '';
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    const fail = (message: string) => {
      setError(message);
      input.current?.focus();
    };
    if (!file) return fail(t('documents.chooseFile'));
    const mediaType = mediaTypeOf(file);
    if (!mediaType) return fail(t('translation:errors.stafetlog.document_type'));
    if (file.size > MAX_DOCUMENT_BYTES) return fail(t('translation:errors.stafetlog.document_too_large'));
    if (file.size === 0) return fail(t('documents.emptyFile'));
    setError(null);
    setReading(true);
    try {
      const contentBase64 = await readBase64(file);
      upload.mutate({ fileName: file.name.slice(0, 200), mediaType, contentBase64 });
    } catch {
      fail(t('documents.readFailed'));
    } finally {
      setReading(false);
    }
  };

  return (
    <form className="tidlig-stafetlog-form mt-5" onSubmit={(e) => void submit(e)} noValidate>
      {upload.isError ? <ErrorSummary errors={[{ message: writeError(upload.error) }]} /> : null}
      <TextField
        ref={input}
        id="upload-document"
        type="file"
        label={t('documents.file')}
        hint={t('documents.fileHint')}
        error={error}
        accept=".pdf,.doc,.docx,.odt,.txt,.png,.jpg,.jpeg"
        className="tidlig-stafetlog-file"
      />
      <button type="submit" className="button button-secondary mt-4" disabled={upload.isPending || reading}>
        {t('documents.upload')}
      </button>
    </form>
  );
}
