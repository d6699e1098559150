import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
} from '../../../../shared/domain/importMapping';
import { Field } from '../../components/Field';

export interface MappingEditorProps {
  headers: string[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

const NOT_IN_FILE = '';

/**
 * The proposed mapping as one select per field: the manager corrects what the console guessed.
 * Which rows departed: a column with a value, the inactivity proxy, or every row.
 */
export function MappingEditor({ headers, mapping, onChange }: MappingEditorProps) {
  const { t } = useTranslation();
  const setColumn = (field: ImportField, header: string) => {
    const columns = { ...mapping.columns };
    if (header === NOT_IN_FILE && field !== 'externalId') delete columns[field];
    else columns[field] = header;
    const next: ImportMapping = { ...mapping, columns };
    if (field === 'lastActivityAt' && header === NOT_IN_FILE) delete next.inactiveDays;
    onChange(next);
  };
  const departed = mapping.departedWhen;
  return (
    <fieldset className="mapping">
      <legend>{t('admin.mapping.columns')}</legend>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((field) => (
          <Field
            key={field}
            label={
              <>
                {field === 'externalId' ? t('admin.mapping.required', { field: t(`admin.mapping.field.${field}`) }) : t(`admin.mapping.field.${field}`)}
              </>
            }
          >
            {(id) => (
              <select id={id} value={mapping.columns[field] ?? NOT_IN_FILE} onChange={(e) => setColumn(field, e.target.value)}>
                {field !== 'externalId' && <option value={NOT_IN_FILE}>{t('admin.mapping.notInFile')}</option>}
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <fieldset className="mapping-departed">
        <legend>{t('admin.mapping.whoDeparted')}</legend>
        <Field label={t('admin.mapping.departedColumn')}>
          {(id) => (
            <select
              id={id}
              value={departed?.column ?? NOT_IN_FILE}
              onChange={(e) => {
                const next = { ...mapping };
                if (e.target.value === NOT_IN_FILE) delete next.departedWhen;
                else next.departedWhen = { column: e.target.value, equals: departed?.equals ?? 'Yes' };
                onChange(next);
              }}
            >
              <option value={NOT_IN_FILE}>{t('admin.mapping.everyRow')}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          )}
        </Field>
        {departed && (
          <Field label={t('admin.mapping.equalTo')}>
            {(id) => (
              <input
                id={id}
                value={departed.equals}
                onChange={(e) => onChange({ ...mapping, departedWhen: { ...departed, equals: e.target.value } })}
              />
            )}
          </Field>
        )}
        <Field label={t('admin.mapping.inactiveDays')}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              disabled={mapping.columns.lastActivityAt === undefined}
              aria-describedby="inactive-help"
              value={mapping.inactiveDays ?? ''}
              onChange={(e) => {
                const next = { ...mapping };
                const days = Number(e.target.value);
                if (e.target.value === '' || !Number.isInteger(days) || days < 1) delete next.inactiveDays;
                else next.inactiveDays = days;
                onChange(next);
              }}
            />
          )}
        </Field>
        <p id="inactive-help" className="muted">
          {t('admin.mapping.inactiveHelp')}
        </p>
        <Field label={t('admin.mapping.statusColumn')}>
          {(id) => (
            <select
              id={id}
              value={mapping.statusColumn ?? NOT_IN_FILE}
              onChange={(e) => {
                const next = { ...mapping };
                if (e.target.value === NOT_IN_FILE) delete next.statusColumn;
                else next.statusColumn = e.target.value;
                onChange(next);
              }}
            >
              <option value={NOT_IN_FILE}>{t('admin.mapping.none')}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
    </fieldset>
  );
}
