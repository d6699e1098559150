import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, templateKey } from '../../shared/domain/outreachDefaults';
import { fieldsUsed, parseTemplate } from '../../shared/domain/outreachTemplate';
import { LANGUAGES } from '../../shared/i18n/languages';
import { LETTERS, letterIn, UNSUBSCRIBE } from '../../shared/content/letters';
import { placeholdersOf } from '../../shared/i18n/catalogue';

const fieldsOf = (text: string) => {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(`unreadable template text: ${text.slice(0, 60)}`);
  return [...new Set(fieldsUsed(parsed.parts))].sort();
};

/**
 * The shipped templates in every language: a complete letter for each, with exactly the merge fields
 * the English uses (a field lost in translation would leave a customer without their code or date),
 * and English exactly what a new console stores, so an untouched template is recognised as one.
 */
describe('the shipped message templates in every language', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every shipped template has its subject and body, with the English merge fields`, () => {
      expect(Object.keys(LETTERS[language]).sort()).toEqual(DEFAULT_TEMPLATES.map((t) => templateKey(t.id)).sort());
      for (const template of DEFAULT_TEMPLATES) {
        const letter = LETTERS[language][templateKey(template.id)];
        expect(letter?.subject.trim(), template.id).toBeTruthy();
        expect(fieldsOf(letter?.subject ?? ''), `${template.id} subject`).toEqual(fieldsOf(template.subject));
        expect(fieldsOf(letter?.body ?? ''), `${template.id} body`).toEqual(fieldsOf(template.body));
        expect(letter?.subject, template.id).not.toContain('\n');
      }
    });
  }

  it('English says exactly what a new console stores', () => {
    for (const template of DEFAULT_TEMPLATES) expect(LETTERS.en[templateKey(template.id)], template.id).toEqual({ subject: template.subject, body: template.body });
  });

  it('only a template still carrying its shipped subject and body changes language', () => {
    const shipped = DEFAULT_TEMPLATES[0];
    if (!shipped) throw new Error('no shipped template');
    expect(letterIn(shipped, 'fr').subject).toBe(LETTERS.fr[templateKey(shipped.id)]?.subject);
    expect(letterIn({ ...shipped, body: `${shipped.body}\nP.S.` }, 'fr')).toMatchObject({ subject: shipped.subject });
    expect(letterIn({ ...shipped, id: 'template.mine' }, 'fr')).toMatchObject({ subject: shipped.subject });
  });

  it('every language has the unsubscribe line in each of its forms, with the English placeholders', () => {
    for (const language of LANGUAGES) {
      for (const form of ['intro', 'link', 'replyTo', 'reply'] as const) {
        const text = UNSUBSCRIBE[language][form];
        expect(text.trim(), `${language} ${form}`).not.toBe('');
        expect(placeholdersOf(text), `${language} ${form}`).toEqual(placeholdersOf(UNSUBSCRIBE.en[form]));
        if (language !== 'en') expect(text, `${language} ${form}`).not.toBe(UNSUBSCRIBE.en[form]);
      }
    }
  });
});
