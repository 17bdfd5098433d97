/// The matching kernel: every surface form of the lexicon found in a
/// stretch of text, by the trie, into tables recognisers read.
extension KnowledgeBase {
    /// Calls `found(length, entries)` for every surface form starting at
    /// `start` in `text`, shortest first.
    @inlinable @inline(__always)
    public func forEachMatch(in text: UnsafeBufferPointer<UInt32>, at start: Int, _ found: (Int, LexiconEntries) -> Void) {
        trie.forEachPrefix(of: text, from: start) { length, surface in
            found(length, entries(ofSurface: surface))
        }
    }

    /// Every surface form starting in `range` of `text`, as one table (see
    /// ``SurfaceMatches``): what a recogniser looks up at each position,
    /// found up front by one walk of the trie from all positions at once
    /// (``DoubleArrayTrie/prefixMatches(of:startingIn:)``), then put in
    /// position order by counting.
    /// The tables are written into `buffers`, which a caller keeps from
    /// one article to the next; the buffers' previous table must be gone.
    public func surfaceMatches(in text: UnsafeBufferPointer<UInt32>, range: Range<Int>, reusing buffers: MatchBuffers = MatchBuffers()) -> SurfaceMatches {
        precondition(!buffers.inUse, "match buffers reused while their last table is still in use")
        let count = range.count
        let found = trie.findPrefixMatches(of: text, startingIn: range, walk: &buffers.walk, found: &buffers.found)
        let starts = UnsafeMutableBufferPointer(start: buffers.starts.reserve(count + 1), count: count + 1)
        let packed = UnsafeMutableBufferPointer(start: buffers.packed.reserve(found.count), count: found.count)
        let startKinds = UnsafeMutableBufferPointer(start: buffers.startKinds.reserve(count), count: count)
        let endKinds = UnsafeMutableBufferPointer(start: buffers.endKinds.reserve(count + 1), count: count + 1)
        starts.initialize(repeating: 0)
        startKinds.initialize(repeating: 0)
        endKinds.initialize(repeating: 0)
        // The matches come shortest first, each length in position order;
        // placed by their start in that order, each position's come
        // shortest first.
        surfaceKinds.withUnsafeBufferPointer { surfaceKinds in
            // Each position's count, then the end of its slots: placed from
            // the last match back, each position's slots fill from their
            // end, and its end moves down to its start.
            for match in found { starts[Int(match >> 32)] += 1 }
            var running: Int32 = 0
            for local in 0..<count {
                running &+= starts[local]     // at most found.count
                starts[local] = running
            }
            starts[count] = Int32(found.count)
            for match in found.reversed() {
                let local = Int(match >> 32)
                starts[local] -= 1
                let surfaceAndLength = UInt32(truncatingIfNeeded: match)
                packed.initializeElement(at: Int(starts[local]), to: surfaceAndLength)
                let bits = surfaceKinds[Int(surfaceAndLength >> 8)]
                startKinds[local] |= bits
                endKinds[local + Int(surfaceAndLength & 0xFF)] |= bits
            }
        }
        return SurfaceMatches(starts: starts, packed: packed, startKinds: startKinds, endKinds: endKinds, buffers: buffers)
    }
}
