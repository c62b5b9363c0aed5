-- One row is one fetched or added document: a page, an attachment, or a local file.
CREATE TABLE documents (
    doc_id          VARCHAR PRIMARY KEY,   -- 16 hex characters from the URL (tasks.documents.doc_id_for)
    url             VARCHAR NOT NULL,
    title           VARCHAR,
    published       DATE,
    fetched_at      TIMESTAMP,             -- UTC, naive
    content_sha256  VARCHAR,
    text            VARCHAR,
    parser_version  VARCHAR,
    status          VARCHAR NOT NULL DEFAULT 'ok',
    source          VARCHAR,
    parent_doc_id   VARCHAR,
    content_type    VARCHAR,
    default_area    VARCHAR,
    message         VARCHAR,
    loaded_at       TIMESTAMP              -- UTC, naive: when this row was last written
);

COMMENT ON TABLE documents IS 'One fetched or added document (a page, an attachment, a local file) and the text the parser read.';
COMMENT ON COLUMN documents.doc_id IS 'Stable id: 16 hex characters of the SHA-256 of the URL (a local file without URL: of its content address).';
COMMENT ON COLUMN documents.url IS 'Where the document came from; file:sha256:... for a local file added without a URL.';
COMMENT ON COLUMN documents.title IS 'Title of the page or file.';
COMMENT ON COLUMN documents.published IS 'Publication date the document states (NULL when unknown); the latest published document wins in indicator_values.';
COMMENT ON COLUMN documents.fetched_at IS 'When the body was fetched or the file added (UTC).';
COMMENT ON COLUMN documents.content_sha256 IS 'SHA-256 of the raw body (bytes as fetched).';
COMMENT ON COLUMN documents.text IS 'The extracted text; observations.char_start/char_end point into it.';
COMMENT ON COLUMN documents.parser_version IS 'Version of the parser that produced this document''s observations.';
COMMENT ON COLUMN documents.status IS 'ok, or why there is no text: no_text, not_article, unsupported, corrupt, ...';
COMMENT ON COLUMN documents.source IS 'Source name in sources.toml, or local.';
COMMENT ON COLUMN documents.parent_doc_id IS 'For an attachment: the page it hangs from.';
COMMENT ON COLUMN documents.content_type IS 'MIME type of the body.';
COMMENT ON COLUMN documents.default_area IS 'The source''s own area (a district portal), used when the text names none.';
COMMENT ON COLUMN documents.message IS 'Why the status is not ok, in words.';
COMMENT ON COLUMN documents.loaded_at IS 'When this row was last written by the loader (UTC).';
