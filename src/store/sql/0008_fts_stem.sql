-- Text search with Snowball stemming for es/en/pt (issue 3, item 5): the
-- 'cabildo' tokenizer (src/store/store_fts.c, registered by store_open on
-- every connection) folds accents like unicode61 did and adds each word's
-- stems, tagged by language, as colocated tokens.  The index is rebuilt
-- from proposal; the triggers of 0002 keep it in step as before (their
-- text does not name the tokenizer, but they now need it: the sqlite3
-- shell can read proposals but no longer write their text).
DROP TABLE proposal_fts;
CREATE VIRTUAL TABLE proposal_fts USING fts5(title, abstract, description,
    content='proposal', content_rowid='id', tokenize='cabildo');
INSERT INTO proposal_fts(proposal_fts) VALUES ('rebuild');
