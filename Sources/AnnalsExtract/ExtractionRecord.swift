import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// One article in `annals extract` JSON once entities are recognised: the
/// text-stage fields plus `date` and `entities`.
public struct ExtractedArticleRecord: JSONWritable, Sendable {
    public var base: ArticleRecord
    public var date: String?
    public var entities: [EntityRecord]
    public var events: [EventRecord]

    public init(_ extracted: ExtractedArticle, in document: Document, knowledge: KnowledgeBase) {
        base = ArticleRecord(extracted.article, in: document)
        date = extracted.date?.value
        entities = extracted.mentions.map { EntityRecord($0, in: document, knowledge: knowledge) }
        events = extracted.events.map { EventRecord($0, mentions: extracted.mentions, in: document, knowledge: knowledge) }
    }

    public func write(to json: JSONWriter) {
        json.object {
            base.writeMembers(to: json)
            json.field("date", date)
            json.key("entities")
            json.array(entities) { $0.write(to: json) }
            json.key("events")
            json.array(events) { $0.write(to: json) }
        }
    }
}

/// One event in `annals extract` JSON: `{"type","date","precision","start",
/// "end","summary","main","sentence","places","participants","organisations"}`.
public struct EventRecord: JSONWritable, Sendable {
    public struct Participant: Sendable {
        public var name: String
        public var role: String
    }

    public var type: String
    public var date: String?
    public var precision: String?
    public var interval: [String]?
    public var summary: String
    public var main: Bool
    public var sentence: Int
    public var span: RawSpan
    public var places: [String]
    /// GB/T 2260 codes of the divisions the event happened in.
    public var adcodes: [String]
    public var participants: [Participant]
    public var organisations: [String]

    public init(_ event: Event, mentions: [Mention], in document: Document, knowledge: KnowledgeBase) {
        type = event.type.rawValue
        date = event.temporal?.value
        precision = event.temporal?.precision.rawValue
        interval = event.temporal.map { [$0.start.description, $0.end.description] }
        summary = event.summary
        main = event.isMain
        sentence = event.sentence
        span = document.text.rawSpan(of: event.range)
        func unique(_ indices: [Int]) -> [String] {
            var names: [String] = []
            for index in indices where !names.contains(mentions[index].name) { names.append(mentions[index].name) }
            return names
        }
        places = unique(event.places)
        // The divisions by name too, unless a place of today names them
        // already: a site is listed with the district it lies in (旧址,
        // 北碚区), a division of the past with its successor (大庸县, 永定区).
        for division in event.divisions where !event.places.contains(where: {
            mentions[$0].type == .place && mentions[$0].division == division && !Mention.isHistoricalKind(mentions[$0].placeKind)
        }) {
            let name = knowledge.divisions[division].commonName
            if !places.contains(name) { places.append(name) }
        }
        adcodes = event.divisions.map { knowledge.divisions[$0].code }
        organisations = unique(event.organisations)
        participants = event.participants.map { Participant(name: mentions[$0.mention].name, role: $0.role.rawValue) }
    }

    public func write(to json: JSONWriter) {
        json.object {
            json.field("type", type)
            json.optionalField("date", date)
            json.optionalField("precision", precision)
            json.optionalField("interval", interval)
            json.field("summary", summary)
            json.field("main", main)
            json.field("sentence", sentence)
            json.key("span")
            span.write(to: json)
            json.field("places", places)
            json.field("adcodes", adcodes)
            json.key("participants")
            json.array(participants) { participant in
                json.object {
                    json.field("name", participant.name)
                    json.field("role", participant.role)
                }
            }
            json.field("organisations", organisations)
        }
    }
}

/// One mention in `annals extract` JSON: `{"type","text","name","start","end",
/// "sentence", …}` with `value`/`precision` for dates, `ids.adcode` and
/// coordinates for places, `roles` for people. Offsets are raw-file bytes.
public struct EntityRecord: JSONWritable, Sendable {
    public var type: String
    public var text: String
    public var name: String
    public var value: String?
    public var precision: String?
    public var interval: [String]?
    public var modifier: String?
    public var start: Int
    public var end: Int
    public var sentence: Int
    public var ids: [String: String]?
    public var kind: String?
    public var lat: Double?
    public var lon: Double?
    public var roles: [String]?
    public var locatedIn: String?

    public init(_ mention: Mention, in document: Document, knowledge: KnowledgeBase) {
        type = mention.type.rawValue
        text = mention.text
        name = mention.name
        let span = document.text.rawSpan(of: mention.range)
        start = span.start
        end = span.end
        sentence = mention.sentence
        if let temporal = mention.temporal {
            value = temporal.value
            precision = temporal.precision.rawValue
            interval = [temporal.start.description, temporal.end.description]
            modifier = temporal.modifier
        }
        if let index = mention.division {
            let division = knowledge.divisions[index]
            // A division of the past has no code of its own: its successor's.
            ids = [Mention.isHistoricalKind(mention.placeKind) ? "successor_adcode" : "adcode": division.code]
            lat = division.latitude
            lon = division.longitude
        }
        kind = mention.placeKind
        roles = mention.roles.isEmpty ? nil : mention.roles
        locatedIn = mention.locatedIn
    }

    public func write(to json: JSONWriter) {
        json.object {
            json.field("type", type)
            json.field("text", text)
            json.field("name", name)
            json.optionalField("value", value)
            json.optionalField("precision", precision)
            json.optionalField("interval", interval)
            json.optionalField("modifier", modifier)
            json.field("start", start)
            json.field("end", end)
            json.field("sentence", sentence)
            if let ids {
                json.key("ids")
                json.object { for (key, value) in ids.sorted(by: { $0.key < $1.key }) { json.field(key, value) } }
            }
            json.optionalField("kind", kind)
            json.optionalField("lat", lat)
            json.optionalField("lon", lon)
            json.optionalField("roles", roles)
            json.optionalField("located_in", locatedIn)
        }
    }
}
