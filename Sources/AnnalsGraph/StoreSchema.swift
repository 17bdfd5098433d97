import AnnalsModel
import GRDB

/// The store's schema, as GRDB migrations: a store made by an older Annals
/// is migrated on opening; one made by a newer Annals is refused.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports, articles, entities, mentions, events, edges") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    sha256 TEXT NOT NULL,
                    format TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    published TEXT,
                    publisher TEXT,
                    article_count INTEGER NOT NULL,
                    ingested_at TEXT NOT NULL
                );
                CREATE TABLE articles (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    section TEXT,
                    date TEXT,
                    span_start INTEGER NOT NULL,
                    span_end INTEGER NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX articles_by_source ON articles(source_id);
                CREATE VIRTUAL TABLE article_search USING fts5(title, body, tokenize = 'trigram');

                CREATE TABLE entities (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    key TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    kind TEXT,
                    adcode TEXT,
                    lat REAL,
                    lon REAL
                );
                CREATE INDEX entities_by_type_name ON entities(type, name);
                CREATE INDEX entities_by_adcode ON entities(adcode);
                CREATE TABLE aliases (
                    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                    alias TEXT NOT NULL,
                    PRIMARY KEY (entity_id, alias)
                ) WITHOUT ROWID;
                CREATE INDEX aliases_by_alias ON aliases(alias);
                CREATE TABLE mentions (
                    id INTEGER PRIMARY KEY,
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    entity_id INTEGER NOT NULL REFERENCES entities(id),
                    text TEXT NOT NULL,
                    sentence INTEGER NOT NULL,
                    span_start INTEGER NOT NULL,
                    span_end INTEGER NOT NULL,
                    roles TEXT
                );
                CREATE INDEX mentions_by_entity ON mentions(entity_id);
                CREATE INDEX mentions_by_article ON mentions(article_id);

                CREATE TABLE events (
                    id INTEGER PRIMARY KEY,
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    type TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    main INTEGER NOT NULL,
                    date TEXT,
                    precision TEXT,
                    start_day TEXT,
                    end_day TEXT,
                    modifier TEXT,
                    sentence INTEGER NOT NULL,
                    span_start INTEGER NOT NULL,
                    span_end INTEGER NOT NULL
                );
                CREATE INDEX events_by_article ON events(article_id);
                CREATE INDEX events_by_start ON events(start_day, end_day);

                -- Every relation of the graph. Node kinds: report, article,
                -- event, entity. Edges a report states carry its source and
                -- sentence; edges from the gazetteer (part_of, located_in,
                -- based_in) have no source and are shared.
                CREATE TABLE edges (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    from_kind TEXT NOT NULL,
                    from_id INTEGER NOT NULL,
                    to_kind TEXT NOT NULL,
                    to_id INTEGER NOT NULL,
                    role TEXT,
                    weight INTEGER NOT NULL DEFAULT 1,
                    source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
                    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
                    sentence INTEGER,
                    span_start INTEGER,
                    span_end INTEGER
                );
                CREATE INDEX edges_from ON edges(from_kind, from_id, type);
                CREATE INDEX edges_to ON edges(to_kind, to_id, type);
                CREATE INDEX edges_by_source ON edges(source_id);
                CREATE UNIQUE INDEX edges_derived ON edges(type, from_kind, from_id, to_kind, to_id) WHERE source_id IS NULL;
                """)
        }
        migrator.registerMigration("v2: events keep their date as written, its source and their sentence; an interval index for date filters") { db in
            // Timelines show the date as the report wrote it and the sentence
            // an event comes from; a date may also come from the curated list
            // of known historical events (date_source = 'knowledge:ID').
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN date_text TEXT;
                ALTER TABLE events ADD COLUMN date_source TEXT;
                ALTER TABLE events ADD COLUMN sentence_text TEXT;
                CREATE INDEX events_by_type ON events(type, start_day);

                -- Date filters select by interval overlap, which no B-tree
                -- answers without scanning every earlier event: an R*Tree
                -- over the days each dated event covers (Julian day numbers),
                -- kept by triggers, so ingest and removal need not know it.
                CREATE VIRTUAL TABLE event_spans USING rtree_i32(id, first_day, last_day);
                INSERT INTO event_spans
                    SELECT id, CAST(julianday(start_day) AS INTEGER), CAST(julianday(end_day) AS INTEGER) FROM events WHERE start_day IS NOT NULL;
                CREATE TRIGGER event_spans_insert AFTER INSERT ON events WHEN new.start_day IS NOT NULL BEGIN
                    INSERT INTO event_spans VALUES (new.id, CAST(julianday(new.start_day) AS INTEGER), CAST(julianday(new.end_day) AS INTEGER));
                END;
                CREATE TRIGGER event_spans_delete AFTER DELETE ON events BEGIN
                    DELETE FROM event_spans WHERE id = old.id;
                END;

                -- The timeline index (EventScopeIndex): place codes, regions
                -- and years each event is selected by, in timeline order.
                -- Filled by the writer; a store migrated from v1 gets it
                -- rebuilt when opened.
                CREATE TABLE event_scopes (
                    scope TEXT NOT NULL,
                    start_key TEXT NOT NULL,
                    end_key TEXT NOT NULL,
                    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    PRIMARY KEY (scope, start_key, end_key DESC, event_id)
                ) WITHOUT ROWID;
                CREATE INDEX event_scopes_by_event ON event_scopes(event_id);
                """)
        }
        migrator.registerMigration("v3: articles keep their date's precision and interval") { db in
            // Readers (exports, timelines) take an article's date as stored
            // and never parse its value back.
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN precision TEXT;
                ALTER TABLE articles ADD COLUMN start_day TEXT;
                ALTER TABLE articles ADD COLUMN end_day TEXT;
                """)
            let dated = try Row.fetchAll(db, sql: "SELECT id, date FROM articles WHERE date IS NOT NULL")
            for row in dated {
                guard let value = TemporalValue(iso: row["date"]) else { continue }
                try db.execute(sql: "UPDATE articles SET precision = ?, start_day = ?, end_day = ? WHERE id = ?",
                               arguments: [value.precision.rawValue, value.start.description, value.end.description, row["id"] as Int64])
            }
        }
        migrator.registerMigration("v4: mentions keep their place in the article's body") { db in
            // The workbench's source view highlights each mention where it
            // stands; raw byte spans point into the file, not the body the
            // store keeps. Offsets are in Unicode scalars of `articles.body`;
            // NULL for a mention in the title, or in a store made before v4.
            try db.execute(sql: """
                ALTER TABLE mentions ADD COLUMN body_start INTEGER;
                ALTER TABLE mentions ADD COLUMN body_end INTEGER;
                """)
        }
        migrator.registerMigration("v5: the journal of curation decisions") { db in
            // What a historian decided through `annals curate` or the
            // workbench, in order, with what undoing it needs: the name or
            // type before a rename or retype, and the reports rewritten.
            try db.execute(sql: """
                CREATE TABLE curations (
                    id INTEGER PRIMARY KEY,
                    decided_at TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    object TEXT NOT NULL,
                    note TEXT NOT NULL,
                    previous TEXT,
                    sources TEXT NOT NULL,
                    undone_at TEXT
                );
                """)
        }
        return migrator
    }
}
