/**
 * Words dropped from names before matching, and words that count little. Written as people write
 * them, in any script: they are normalised with the same function as names when the module loads,
 * so "ООО" and "OOO" are one entry. The reasons are in docs/screening.md ("What is dropped").
 */

/**
 * Legal forms: they say how a company is incorporated, not who it is, and every translation of a
 * list writes them differently (ПАО = PAO = PJSC = Public Joint Stock Company). Dropped only at the
 * start or end of a name, where they stand, so a word that is also a name ("Ao", "As") survives inside.
 */
export const legalFormsWritten: readonly string[] = [
  // English and international
  'LLC', 'L.L.C.', 'Ltd', 'Limited', 'Co', 'Co. Ltd', 'Company', 'Company Limited', 'Inc', 'Incorporated', 'Corp', 'Corporation',
  'PLC', 'Public Limited Company', 'LLP', 'LP', 'Limited Liability Company', 'Limited Liability Partnership',
  'JSC', 'Joint Stock Company', 'Joint-Stock Company', 'PJSC', 'Public Joint Stock Company', 'OJSC', 'Open Joint Stock Company',
  'CJSC', 'Closed Joint Stock Company', 'FZE', 'FZCO', 'FZC', 'FZ-LLC', 'DMCC', 'WLL', 'PSC', 'QSC', 'BSC', 'SAOG', 'SAOC',
  'Pte', 'Pte Ltd', 'Pvt Ltd', 'Private Limited', 'Sdn Bhd', 'Bhd', 'Tbk', 'PT', 'Pty', 'Pty Ltd',
  // Russian, Ukrainian, Kazakh and Belarusian, in Cyrillic and in the Latin forms lists use
  'ООО', 'OOO', 'ОАО', 'OAO', 'ЗАО', 'ZAO', 'ПАО', 'PAO', 'АО', 'AO', 'НАО', 'ИП', 'ТОО', 'TOO', 'ТОВ', 'TOV', 'ПрАТ', 'ПАТ', 'ЧП', 'ОДО', 'УП',
  'Общество с ограниченной ответственностью', 'Публичное акционерное общество', 'Акционерное общество',
  'Открытое акционерное общество', 'Закрытое акционерное общество', 'Непубличное акционерное общество',
  'Товариство з обмеженою відповідальністю', 'Товарищество с ограниченной ответственностью',
  // German, Dutch, Nordic
  'GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'OHG', 'UG', 'e.V.', 'BV', 'B.V.', 'NV', 'N.V.', 'AB', 'ASA', 'Oy', 'Oyj', 'ApS', 'A/S',
  // Romance languages
  'SA', 'S.A.', 'SAS', 'SARL', 'SpA', 'S.p.A.', 'Srl', 'S.r.l.', 'SL', 'S.L.', 'Ltda', 'SA de CV', 'S de RL', 'SAPI de CV', 'Cia', 'Cía',
  // Central and Eastern Europe, Turkey
  'Sp. z o.o.', 'S.A.', 'sro', 's.r.o.', 'a.s.', 'Kft', 'Zrt', 'Nyrt', 'd.o.o.', 'd.d.', 'AD', 'EAD', 'OOD', 'SRL', 'A.Ş.', 'Ltd. Şti.',
  // Chinese, Japanese, Korean
  '有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '公司', 'Kabushiki Kaisha', 'KK', '株式会社', '주식회사',
  // Arabic, Persian
  'ش.م.م', 'ذ.م.م', 'شركة', 'سهامی خاص', 'سهامی عام',
];

/** Words with no meaning of their own in a name. Dropped anywhere. */
export const stopWordsWritten: readonly string[] = ['of', 'the', 'and', 'und', 'et', 'for', '&'];

/**
 * Generic words: kept (a listed "Bank Melli" is not any "Melli"), but weighted low, and never
 * enough to hit alone: "International Trading Bank" must not hit every trading bank. "Bank" is
 * here rather than among the legal forms because it is part of how banks are named
 * (Sberbank, Bank Melli Iran, Банк ВТБ) and the list's own aliases carry it.
 */
export const genericWordsWritten: readonly string[] = [
  'bank', 'banka', 'banco', 'banque', 'bankasi', 'trading', 'trade', 'international', 'intl', 'group', 'holding', 'holdings',
  'industries', 'industry', 'industrial', 'services', 'service', 'investment', 'investments', 'general', 'national', 'global',
  'enterprise', 'enterprises', 'commercial', 'import', 'export', 'shipping', 'petroleum', 'oil', 'gas', 'energy', 'finance',
  'financial', 'capital', 'management', 'technology', 'technologies', 'engineering', 'construction', 'development', 'logistics',
  'marine', 'maritime', 'foundation', 'fund', 'organization', 'organisation', 'association', 'republic', 'state',
  // particles of personal names: "al-", "bin", "van der" …
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'ul', 'ud', 'de', 'da', 'di', 'du', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le',
];

/** Weight of a generic word in a name's coverage; a distinctive word weighs 1. */
export const genericWordWeight = 0.3;
