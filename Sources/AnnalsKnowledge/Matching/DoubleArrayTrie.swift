/// A double-array trie over Unicode scalar values: a static dictionary of
/// strings held in two flat integer arrays, answering "which keys start at
/// this position of the text?" in a few array reads per character.
///
/// Each node `s` moves on character code `c` to `t = base[s] + c` when
/// `check[t] == s`; code 0 marks the end of a key, and that end cell holds
/// the key's value in its `base` (an end cell has no children). A cell's
/// `base` and `check` sit side by side, and a node's `base` carries a flag
/// saying whether a key ends there, so each step of a search reads one
/// cache line, and the end cell is read only where a key does end: the
/// cells are too many for the processor's caches.
/// Characters are first mapped to dense codes (only those that occur in
/// some key), so a character no key contains stops a search at once.
///
/// ```swift
/// let trie = DoubleArrayTrie(keys: ["北碚", "北碚区", "澄江镇"])   // values 0, 1, 2
/// trie.prefixes(of: Array("北碚区澄江镇".unicodeScalars.map(\.value)), from: 0)   // [(2, 0), (3, 1)]
/// ```
public struct DoubleArrayTrie: Sendable {
    @usableFromInline struct Cell: Sendable {
        /// Children start at `base & baseMask`; the top bit says a key
        /// ends at this node (its end cell is at `base & baseMask`). An end
        /// cell holds the key's value.
        @usableFromInline var base: Int32
        /// The parent cell (-1: free).
        @usableFromInline var check: Int32
    }

    @usableFromInline let cells: [Cell]
    @usableFromInline static var baseMask: Int32 { 0x7FFF_FFFF }
    /// Dense code of each scalar in the Basic Multilingual Plane (0: none),
    /// 16 bits: the table is read at every step and fits the cache better.
    @usableFromInline let basicCodes: [UInt16]
    /// Dense codes of scalars beyond the BMP.
    @usableFromInline let astralCodes: [UInt32: Int32]

    /// Number of keys.
    public let count: Int

    /// Builds the trie; key `i` gets value `i`. Duplicate keys keep the
    /// first value.
    public init(keys: [String]) {
        self.init(scalarKeys: keys.map { $0.unicodeScalars.map(\.value) })
    }

    public init(scalarKeys keys: [[UInt32]]) {
        count = keys.count
        var basicCodes = [UInt16](repeating: 0, count: 0x10000)
        var astralCodes: [UInt32: Int32] = [:]
        var nextCode: Int32 = 1
        // Frequent characters get small codes, which keeps the arrays dense.
        var frequency: [UInt32: Int] = [:]
        for key in keys { for value in key { frequency[value, default: 0] += 1 } }
        for (value, _) in frequency.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            // A key set with 65,535 distinct characters would exhaust the
            // Basic Multilingual Plane's ideographs several times over.
            precondition(nextCode <= 0xFFFF, "more distinct characters than 16-bit codes hold")
            if value < 0x10000 { basicCodes[Int(value)] = UInt16(nextCode) } else { astralCodes[value] = nextCode }
            nextCode += 1
        }
        var builder = Builder(alphabetSize: Int(nextCode))
        let coded: [[Int32]] = keys.map { key in
            key.map { $0 < 0x10000 ? Int32(basicCodes[Int($0)]) : astralCodes[$0]! }
        }
        let order = coded.indices.sorted { coded[$0].lexicographicallyPrecedes(coded[$1]) }
        builder.build(keys: order.map { coded[$0] }, values: order.map { Int32($0) })
        self.basicCodes = basicCodes
        self.astralCodes = astralCodes
        var cells: [Cell] = builder.base.indices.map { index in
            if builder.values[index] >= 0 { return Cell(base: builder.values[index], check: builder.check[index]) }
            // A node whose end cell (its child on code 0) is in use.
            let childBase = Int(builder.base[index])
            precondition(builder.base[index] & ~Self.baseMask == 0, "trie too large for 31-bit bases")
            let hasEnd = builder.check[index] != -1 && childBase < builder.check.count && builder.check[childBase] == Int32(index)
                && builder.values[childBase] >= 0
            return Cell(base: hasEnd ? builder.base[index] | ~Self.baseMask : builder.base[index], check: builder.check[index])
        }
        // Free cells past the last child any node can have, so that a step
        // on any code from any node lands inside the array: the level walk
        // (``prefixMatches(of:startingIn:)``) then reads the cell without a
        // bounds test of its own.
        let highestBase = builder.base.indices.lazy.filter { builder.values[$0] < 0 }.map { Int(builder.base[$0]) }.max() ?? 0
        let needed = highestBase + Int(nextCode) + 1
        if cells.count < needed { cells.append(contentsOf: repeatElement(Cell(base: 0, check: -1), count: needed - cells.count)) }
        self.cells = cells
    }

    /// Calls `found(length, value)` for every key that starts at `start` in
    /// `text`, shortest first. (A whole article is walked from every
    /// position at once by ``prefixMatches(of:startingIn:)``.)
    @inlinable @inline(__always)
    public func forEachPrefix(of text: UnsafeBufferPointer<UInt32>, from start: Int, _ found: (Int, Int) -> Void) {
        cells.withUnsafeBufferPointer { cells in
            basicCodes.withUnsafeBufferPointer { codes in
                var node: Int32 = 0
                var index = start
                while index < text.count {
                    let code = Int32(denseCode(of: text[index], codes))
                    if code == 0 { break }
                    let next = Int((cells[Int(node)].base & Self.baseMask) + code)
                    if next >= cells.count || cells[next].check != node { break }
                    node = Int32(next)
                    let base = cells[next].base
                    if base < 0 {   // a key ends here
                        found(index - start + 1, Int(cells[Int(base & Self.baseMask)].base))
                    }
                    index += 1
                }
            }
        }
    }

    /// The dense code of a character (0: no key holds it).
    @inlinable @inline(__always)
    func denseCode(of value: UInt32, _ basicCodes: UnsafeBufferPointer<UInt16>) -> UInt16 {
        value < 0x10000 ? basicCodes[Int(value)] : UInt16(astralCodes[value] ?? 0)
    }

    /// Every key starting at each position of `range` in `text`, as
    /// `position - range.lowerBound` << 32 | value << 8 | length, ordered by
    /// length, then position (not by position: see below). Keys longer than
    /// 255 characters are not found; values must be below 2^24 (a trie of
    /// fewer keys than that).
    ///
    /// The walks from all positions advance together, one character a
    /// round, over a list of the walks still going. A walk per position
    /// ends at a depth the processor cannot predict, and each such end
    /// costs a mispredicted branch; here a round is a loop of the same few
    /// steps for every walk, whether it goes on is a value added to a count,
    /// and the walks' reads of the cells do not wait on each other.
    public func prefixMatches(of text: UnsafeBufferPointer<UInt32>, startingIn range: Range<Int>) -> [UInt64] {
        withPrefixMatches(of: text, startingIn: range) { Array($0) }
    }

    /// ``prefixMatches(of:startingIn:)`` handed to `body` in the buffer
    /// they were found in (valid only during the call), without copying
    /// them into an array.
    public func withPrefixMatches<Result>(of text: UnsafeBufferPointer<UInt32>, startingIn range: Range<Int>,
                                          _ body: (UnsafeBufferPointer<UInt64>) throws -> Result) rethrows -> Result {
        var walk = TrieWalkBuffers(), found = ScratchBuffer<UInt64>()
        defer {
            walk.deallocate()
            found.deallocate()
        }
        return try body(findPrefixMatches(of: text, startingIn: range, walk: &walk, found: &found))
    }

    /// ``prefixMatches(of:startingIn:)`` written into `found`, with `walk`
    /// for the walk's own lists: buffers a caller keeps from one text to
    /// the next (``MatchBuffers``). The result is valid until `found` is
    /// used again.
    func findPrefixMatches(of text: UnsafeBufferPointer<UInt32>, startingIn range: Range<Int>,
                           walk: inout TrieWalkBuffers, found results: inout ScratchBuffer<UInt64>) -> UnsafeBufferPointer<UInt64> {
        let count = range.count
        guard count > 0, range.upperBound <= text.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        precondition(self.count < 1 << 24, "values too large to pack beside a position and a length")
        // The dense code of each character a walk can read (a walk reads
        // at most 255 past its start), then zeros: code 0 stops a walk, so
        // the rounds need no test for the text's end.
        let coded = min(text.count, range.upperBound + 255) - range.lowerBound
        // The walks still going, as (local start << 32 | node), in two
        // lists used in turn; then the codes.
        let lists = walk.lists.reserve(2 * count)
        var current = lists
        var following = lists + count
        let codes = walk.codes.reserve(count + 256)
        // Past the range, the characters a walk may still read (the first
        // round codes those inside it as it goes).
        basicCodes.withUnsafeBufferPointer { basicCodes in
            for local in count..<max(count, coded) { codes[local] = denseCode(of: text[range.lowerBound + local], basicCodes) }
        }
        (codes + max(count, coded)).initialize(repeating: 0, count: count + 256 - max(count, coded))
        var capacity = max(16, count)
        var found = results.reserve(capacity)
        capacity = results.capacity
        var total = 0
        // The rounds below are the inner loop of every lexicon lookup. Their
        // arithmetic wraps (&+) and their conversions truncate: every value
        // is a position in an article or a cell index, far below 2^31, so
        // the overflow and sign tests Swift adds otherwise would never fire
        // and only lengthen each step.
        cells.withUnsafeBufferPointer { cells in
            // The first round starts every walk at the root. Whether a walk
            // goes on is a number added to a count (a branch there would be
            // mispredicted at every walk's end); that a key ends is rare
            // enough to branch on, once (writing every step's match and
            // keeping those where a key ends would read an end cell at
            // every step).
            var active = 0
            let rootBase = cells[0].base & Self.baseMask
            let characters = text.baseAddress! + range.lowerBound
            basicCodes.withUnsafeBufferPointer { basicCodes in
                for local in 0..<count {
                    let dense = denseCode(of: characters[local], basicCodes)
                    codes[local] = dense
                    let code = Int32(truncatingIfNeeded: dense)
                    let next = Int(truncatingIfNeeded: rootBase &+ code)
                    let cell = cells[next]
                    current[active] = UInt64(truncatingIfNeeded: local) << 32 | UInt64(truncatingIfNeeded: next)
                    let goes = Self.bit(code != 0) & Self.bit(cell.check == 0)
                    active &+= goes
                    if goes & Self.bit(cell.base < 0) != 0 {
                        found[total] = UInt64(truncatingIfNeeded: local) << 32 | Self.value(endingAt: cell, cells) << 8 | 1
                        total &+= 1
                    }
                }
            }
            var length = 1
            while active > 0 && length < 255 {
                length += 1
                // Grown here, on the local pointer, and handed back to the
                // buffer at the end: growing the buffer itself would keep it
                // live through the rounds, and the inner loop would reload
                // pointers and shuffle registers.
                if capacity - total < active {
                    capacity = max(capacity * 2, total + active)
                    let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
                    larger.moveInitialize(from: found, count: total)
                    found.deallocate()
                    found = larger
                }
                // The code of the character each walk reads this round, by
                // the walk's start.
                let codesRead = codes + (length - 1)
                var going = 0
                for walk in 0..<active {
                    let word = current[walk]
                    let local = Int(truncatingIfNeeded: word >> 32), node = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: word))
                    let code = Int32(truncatingIfNeeded: codesRead[local])
                    let next = Int(truncatingIfNeeded: (cells[node].base & Self.baseMask) &+ code)
                    let cell = cells[next]
                    following[going] = word & 0xFFFF_FFFF_0000_0000 | UInt64(truncatingIfNeeded: next)
                    let goes = Self.bit(code != 0) & Self.bit(Int(truncatingIfNeeded: cell.check) == node)
                    going &+= goes
                    if goes & Self.bit(cell.base < 0) != 0 {
                        found[total] = word & 0xFFFF_FFFF_0000_0000 | Self.value(endingAt: cell, cells) << 8 | UInt64(length)
                        total &+= 1
                    }
                }
                swap(&current, &following)
                active = going
            }
        }
        results.adopt(found, capacity: capacity)
        return UnsafeBufferPointer(start: found, count: total)
    }

    /// The two lists of walks still going and the characters' codes, kept
    /// by a caller that walks one text after another.
    struct TrieWalkBuffers {
        var lists = ScratchBuffer<UInt64>()
        var codes = ScratchBuffer<UInt16>()

        mutating func deallocate() {
            lists.deallocate()
            codes.deallocate()
        }
    }

    /// The value of the key ending at `cell` (whose base has the top bit).
    @inline(__always)
    private static func value(endingAt cell: Cell, _ cells: UnsafeBufferPointer<Cell>) -> UInt64 {
        UInt64(UInt32(bitPattern: cells[Int(truncatingIfNeeded: cell.base & baseMask)].base))
    }

    /// 1 for true, 0 for false, without a branch.
    @inline(__always)
    private static func bit(_ condition: Bool) -> Int { Int(unsafeBitCast(condition, to: UInt8.self)) }

    /// Every key starting at `start`: (length, value), shortest first.
    public func prefixes(of text: [UInt32], from start: Int) -> [(length: Int, value: Int)] {
        var result: [(Int, Int)] = []
        text.withUnsafeBufferPointer { buffer in
            forEachPrefix(of: buffer, from: start) { result.append(($0, $1)) }
        }
        return result
    }

    /// The value of `key` if it is in the trie.
    public func value(of key: String) -> Int? {
        let scalars = key.unicodeScalars.map(\.value)
        return prefixes(of: scalars, from: 0).last { $0.length == scalars.count }?.value
    }

    /// Cells in use, for the benchmark's memory figures.
    public var cellCount: Int { cells.count }

    /// Places nodes level by level (the classic darts construction).
    private struct Builder {
        var base: [Int32] = [1]
        var check: [Int32] = [-1]
        var values: [Int32] = [-1]
        var usedBase: [Bool] = [true]
        var nextCheckPosition = 1
        let alphabetSize: Int

        init(alphabetSize: Int) {
            self.alphabetSize = alphabetSize
        }

        mutating func grow(to size: Int) {
            guard size > base.count else { return }
            let newSize = max(size, base.count * 2)
            base.append(contentsOf: repeatElement(0, count: newSize - base.count))
            values.append(contentsOf: repeatElement(-1, count: newSize - values.count))
            check.append(contentsOf: repeatElement(-1, count: newSize - check.count))
            usedBase.append(contentsOf: repeatElement(false, count: newSize - usedBase.count))
        }

        mutating func build(keys: [[Int32]], values keyValues: [Int32]) {
            grow(to: alphabetSize + 2)
            check[0] = -2   // the root is nobody's child
            guard !keys.isEmpty else { return }
            insertChildren(of: 0, keys: keys, values: keyValues, range: 0..<keys.count, depth: 0)
        }

        /// The children of the node reached by `keys[range]`'s first `depth`
        /// codes: (code, range of keys below it). Code 0 = a key ends here.
        func children(keys: [[Int32]], range: Range<Int>, depth: Int) -> [(code: Int32, range: Range<Int>)] {
            var result: [(Int32, Range<Int>)] = []
            var index = range.lowerBound
            while index < range.upperBound {
                let code: Int32 = keys[index].count > depth ? keys[index][depth] : 0
                var end = index + 1
                while end < range.upperBound && (keys[end].count > depth ? keys[end][depth] : 0) == code { end += 1 }
                if let last = result.last, last.0 == code {
                    result[result.count - 1].1 = last.1.lowerBound..<end   // duplicate key: merge
                } else {
                    result.append((code, index..<end))
                }
                index = end
            }
            return result
        }

        mutating func insertChildren(of node: Int, keys: [[Int32]], values keyValues: [Int32], range: Range<Int>, depth: Int) {
            let siblings = children(keys: keys, range: range, depth: depth)
            let baseValue = findBase(for: siblings.map(\.code))
            base[node] = Int32(baseValue)
            usedBase[baseValue] = true
            for sibling in siblings {
                check[baseValue + Int(sibling.code)] = Int32(node)
            }
            for sibling in siblings {
                let child = baseValue + Int(sibling.code)
                if sibling.code == 0 {
                    values[child] = keyValues[sibling.range.lowerBound]
                    base[child] = 0
                } else {
                    insertChildren(of: child, keys: keys, values: keyValues, range: sibling.range, depth: depth + 1)
                }
            }
        }

        /// The smallest unused base whose cells for `codes` are all free.
        mutating func findBase(for codes: [Int32]) -> Int {
            let first = Int(codes[0])
            var position = max(first + 1, nextCheckPosition) - 1
            var occupied = 0
            var movedFirstFree = false
            while true {
                position += 1
                grow(to: position + alphabetSize + 2)
                if check[position] != -1 {
                    occupied += 1
                    continue
                }
                if !movedFirstFree {
                    nextCheckPosition = position
                    movedFirstFree = true
                }
                let candidate = position - first
                guard candidate >= 1, !usedBase[candidate] else { continue }
                if codes.allSatisfy({ check[candidate + Int($0)] == -1 }) {
                    // Skip over a region that is nearly full next time.
                    if occupied * 20 > (position - nextCheckPosition + 1) * 19 { nextCheckPosition = position }
                    return candidate
                }
            }
        }
    }
}
