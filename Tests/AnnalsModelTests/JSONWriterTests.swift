import AnnalsModel
import Foundation
import Testing

@Suite("Streaming JSON")
struct JSONWriterTests {
    func text(_ json: JSONWriter) -> String { String(decoding: json.bytes, as: UTF8.self) }

    @Test func objectsAndArraysGetTheirCommas() {
        let json = JSONWriter()
        json.object {
            json.field("title", "市委党史研究室召开座谈会")
            json.field("section", nil as String?)
            json.field("paragraphs", ["第一段。", "第二段。"])
            json.key("spans")
            json.array([1, 2]) { json.int($0) }
            json.field("main", true)
            json.optionalField("modifier", nil as String?)
            json.optionalField("lat", 28.841244)
        }
        #expect(text(json) == #"{"title":"市委党史研究室召开座谈会","section":null,"paragraphs":["第一段。","第二段。"],"spans":[1,2],"main":true,"lat":28.841244}"#)
    }

    @Test func stringsAreEscapedAsRFC8259RequiresAndNoMore() throws {
        let json = JSONWriter()
        let hostile = "引号\"与\\反斜杠\n换行\t制表\u{1}控制/斜杠\u{2028}"
        json.array { json.string(hostile) }
        #expect(text(json) == #"["引号\"与\\反斜杠\n换行\t制表\u0001控制/斜杠"# + "\u{2028}\"]")
        // A real parser reads back the same string.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String]
        #expect(parsed == [hostile])
    }

    @Test func numbersReadBackAsTheSameDoubles() throws {
        let values = [108.767747, -0.5, 1e-7, 123456789.125, 3.0, 0.1 + 0.2]
        let json = JSONWriter()
        json.array(values) { json.double($0) }
        // Each number is the shortest text that reads back as the same
        // double (Foundation's JSON parser itself rounds 0.1 + 0.2 wrongly,
        // so the numbers are read with Double's own parser).
        let written = text(json).dropFirst().dropLast().split(separator: ",").map { Double(String($0)) }
        #expect(written == values)
        #expect(text(json).hasPrefix("[108.767747,-0.5,1e-07,123456789.125,3,"))
        let infinite = JSONWriter()
        infinite.array { infinite.double(.infinity) }
        #expect(text(infinite) == "[null]")
    }

    @Test func aSinkGetsThePiecesInOrderAndTheBufferStaysSmall() throws {
        var received: [UInt8] = []
        var largestPiece = 0
        let json = JSONWriter(threshold: 64) { piece in
            received += piece
            largestPiece = max(largestPiece, piece.count)
        }
        json.beginArray()
        for number in 0..<1000 {
            json.object { json.field("n", number); json.field("text", "第\(number)条") }
            try json.flushIfFull()
        }
        json.endArray()
        try json.flush()
        #expect(json.bytes.isEmpty)
        #expect(largestPiece < 64 + 40)
        let parsed = try JSONSerialization.jsonObject(with: Data(received)) as? [[String: Any]]
        #expect(parsed?.count == 1000 && parsed?.last?["text"] as? String == "第999条")
    }
}
