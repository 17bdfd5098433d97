import AnnalsModel
import Foundation
import GRDB

/// What a benchmark draws realistic queries from: the names and months a
/// historian would ask about in this store.
extension StoreReader {
    /// The names of the store's places of these kinds (`district`, `county` …), sorted.
    public func placeNames(kinds: [String]) throws -> [String] {
        let list = kinds.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        return try String.fetchAll(db, sql: "SELECT name FROM entities WHERE type = 'place' AND kind IN (\(list)) ORDER BY name")
    }

    /// The names of people who took part in an event, sorted, at most `limit`.
    public func participantNames(limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT e.name FROM entities e JOIN edges x ON x.from_kind = 'entity' AND x.from_id = e.id AND x.type = 'participated_in'
            WHERE e.type = 'person' ORDER BY e.name LIMIT ?
            """, arguments: [limit])
    }

    /// The months (`2020-11`) in which some event starts, in order.
    public func eventMonths() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT substr(start_day, 1, 7) FROM events WHERE start_day IS NOT NULL ORDER BY 1")
    }
}
