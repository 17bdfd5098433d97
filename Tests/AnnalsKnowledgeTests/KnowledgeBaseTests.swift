import Testing
@testable import AnnalsKnowledge

@Suite("Double-array trie")
struct DoubleArrayTrieTests {
    @Test func findsEveryKeyStartingAtAPosition() {
        let trie = DoubleArrayTrie(keys: ["北碚", "北碚区", "澄江镇", "北京"])
        let text = "北碚区澄江镇".unicodeScalars.map(\.value)
        #expect(trie.prefixes(of: text, from: 0).map(\.length) == [2, 3])
        #expect(trie.prefixes(of: text, from: 0).map(\.value) == [0, 1])
        #expect(trie.prefixes(of: text, from: 3).map(\.value) == [2])
        #expect(trie.prefixes(of: text, from: 1).isEmpty)
    }

    @Test func exactLookupAndMissingKeys() {
        let trie = DoubleArrayTrie(keys: ["酉阳", "酉阳县", "酉阳土家族苗族自治县", "秀山"])
        #expect(trie.value(of: "酉阳县") == 1)
        #expect(trie.value(of: "酉阳土家族苗族自治县") == 2)
        #expect(trie.value(of: "酉") == nil)
        #expect(trie.value(of: "黔江") == nil)
    }

    @Test func manyKeysAllFoundAgain() {
        var keys: [String] = []
        for first in ["重庆", "四川", "贵州", "湖南", "湖北"] {
            for second in ["市", "省", "县", "区", "镇", "乡", "街道"] {
                for number in 0..<30 { keys.append(first + String(number) + second) }
            }
        }
        let trie = DoubleArrayTrie(keys: keys)
        for (index, key) in keys.enumerated() { #expect(trie.value(of: key) == index) }
    }

    /// The walk from all positions at once finds what a walk from each
    /// position finds: keys that end at the range's end, keys that run past
    /// it into the rest of the text, characters no key holds, and a
    /// character beyond the Basic Multilingual Plane.
    @Test func walkFromAllPositionsFindsWhatEachPositionFinds() {
        let keys = ["北碚", "北碚区", "北碚区委", "区委", "委", "澄江镇", "中共重庆市委党史研究室", "重庆", "重庆市", "市委", "𠀋山", "山"]
        let trie = DoubleArrayTrie(keys: keys)
        let text = "据中共重庆市委党史研究室消息，北碚区委在澄江镇召开会议，𠀋山、重庆市委北碚区委".unicodeScalars.map(\.value)
        for range in [0..<text.count, 3..<20, 30..<(text.count - 3), 5..<6] {
            var expected: [(position: Int, length: Int, value: Int)] = []
            for position in range {
                for prefix in trie.prefixes(of: text, from: position) { expected.append((position, prefix.length, prefix.value)) }
            }
            let found = text.withUnsafeBufferPointer { trie.prefixMatches(of: $0, startingIn: range) }
                .map { (position: range.lowerBound + Int($0 >> 32), length: Int($0 & 0xFF), value: Int($0 >> 8 & 0xFF_FFFF)) }
            // Found shortest first, each length in position order.
            #expect(found.map { [$0.length, $0.position] } == found.map { [$0.length, $0.position] }.sorted { $0.lexicographicallyPrecedes($1) })
            let byPosition = found.sorted { ($0.position, $0.length) < ($1.position, $1.length) }
            #expect(byPosition.map { [$0.position, $0.length, $0.value] } == expected.map { [$0.position, $0.length, $0.value] })
        }
        #expect(!text.withUnsafeBufferPointer { trie.prefixMatches(of: $0, startingIn: 0..<text.count) }.isEmpty)
    }
}

@Suite("Knowledge base")
struct KnowledgeBaseTests {
    let knowledge = try! KnowledgeBase.load()

    @Test func gazetteerResolvesCodesNamesAndShortForms() throws {
        let youyang = try #require(knowledge.division(code: "500242"))
        #expect(youyang.name == "酉阳土家族苗族自治县")
        #expect(youyang.commonName == "酉阳县")
        #expect(youyang.aliases.contains("酉阳"))
        #expect(youyang.latitude != nil)
        let entries = knowledge.entries(for: "酉阳")
        #expect(entries.contains { $0.kind == .division && $0.form == .short })
        #expect(knowledge.entries(for: "酉阳县").contains { $0.kind == .division && $0.form == .alias })
    }

    @Test func townsHangUnderTheirCounty() throws {
        let beibei = try #require(knowledge.divisionIndex(code: "500109"))
        let chengjiang = knowledge.entries(for: "澄江镇").filter { $0.kind == .division }.map { Int($0.index) }
        #expect(chengjiang.count > 1)
        #expect(chengjiang.contains { knowledge.divisions[$0].parent == beibei })
        #expect(knowledge.province(of: beibei) == knowledge.divisionIndex(code: "500000"))
    }

    @Test func organisationGrammarWordsAreLoaded() {
        #expect(knowledge.entries(for: "党史研究室").contains { $0.kind == .organisationWord })
        #expect(knowledge.entries(for: "中共").contains { $0.kind == .organisationWord })
    }
}
