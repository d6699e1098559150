import type { HandlerGroup } from '../types';
import { listImportMappings, listImports, saveImportMapping } from '../../../db/repos/importMappings';
import { audit } from '../../../db/repos/audit';
import { appendChunk, beginUpload, commitUpload, discard, inspectUpload, previewUpload, uploadProgress } from './uploads';

type ImportChannel =
  | 'import.begin'
  | 'import.chunk'
  | 'import.inspect'
  | 'import.preview'
  | 'import.progress'
  | 'import.commit'
  | 'import.discard'
  | 'import.mappings.list'
  | 'import.mappings.save'
  | 'import.history';

export const importHandlers: HandlerGroup<ImportChannel> = {
  'import.begin': (deps, input) => beginUpload(deps, input.fileName, input.size),
  'import.chunk': (_deps, input) => appendChunk(input.uploadId, input.offset, input.data),
  'import.inspect': (deps, input) => inspectUpload(deps, input.uploadId),
  'import.preview': (deps, input) => previewUpload(deps, input.uploadId, input.mapping, input.cycle),
  'import.progress': (_deps, input) => uploadProgress(input.uploadId),
  'import.commit': (deps, input, ctx) => commitUpload(deps, input.uploadId, input.skipInvalid, ctx.user.id),
  'import.discard': (_deps, input) => {
    discard(input.uploadId);
    return {};
  },
  'import.mappings.list': (deps) => listImportMappings(deps.db),
  'import.mappings.save': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    deps.db.transaction(() => {
      saveImportMapping(deps.db, input.name, input.mapping, now);
      audit(deps.db, {
        at: now,
        actorId: ctx.user.id,
        action: 'import.mappings.save',
        entity: 'import_mappings',
        entityId: input.name,
      });
    })();
    return listImportMappings(deps.db);
  },
  'import.history': (deps) => listImports(deps.db).map(({ actorId: _actor, ...rest }) => rest),
};
