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

    /// Match tables made one after another in the same buffers (a long
    /// article, a short one, a long one again, as an extractor reuses them)
    /// are the tables fresh buffers give: nothing of an earlier, longer
    /// article's table is left in a later one.
    @Test func matchTablesInReusedBuffersEqualFreshOnes() {
        let long = "中共重庆市北碚区委党史研究室主任徐塞声一行到酉阳县南腰界镇考察红三军司令部旧址，湘鄂川黔革命根据地纪念馆展出了贺龙、关向应率领红二、六军团会师的史料。"
        let short = "北碚区澄江镇"
        let text = (long + short + long).unicodeScalars.map(\.value)
        let ranges = [0..<long.unicodeScalars.count, long.unicodeScalars.count..<(long.unicodeScalars.count + short.unicodeScalars.count),
                      (long.unicodeScalars.count + short.unicodeScalars.count)..<text.count]
        struct Table: Equatable {
            var starts: [Int32], matches: [[Int]], startKinds: [UInt16], endKinds: [UInt16]
        }
        func table(_ matches: SurfaceMatches, count: Int) -> Table {
            Table(starts: Array(matches.starts), matches: (0..<Int(matches.starts[count])).map { [matches.length(of: $0), matches.surface(of: $0)] },
                  startKinds: Array(matches.startKinds), endKinds: Array(matches.endKinds))
        }
        let buffers = MatchBuffers()
        text.withUnsafeBufferPointer { text in
            for range in ranges {
                let reused = table(knowledge.surfaceMatches(in: text, range: range, reusing: buffers), count: range.count)
                let fresh = table(knowledge.surfaceMatches(in: text, range: range), count: range.count)
                #expect(reused == fresh)
                #expect(reused.matches.count > 3)
                #expect(reused.startKinds.count == range.count && reused.endKinds.count == range.count + 1)
            }
        }
    }
}
