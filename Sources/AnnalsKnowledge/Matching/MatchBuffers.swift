/// Memory for match tables, reused from one article to the next: the trie
/// walk's lists, the matches it finds and the tables of
/// ``SurfaceMatches``. Buffers grow to the longest article and are then
/// only overwritten, so an article's tables need no allocation (nor the
/// run-time lookup of its type that an array made with a given count does).
///
/// One table at a time: ``KnowledgeBase/surfaceMatches(in:range:reusing:)``
/// traps if the buffers' last table is still alive. Not for sharing
/// between threads; make one per document, or per worker.
public final class MatchBuffers {
    var walk = DoubleArrayTrie.TrieWalkBuffers()
    var found = ScratchBuffer<UInt64>()
    var starts = ScratchBuffer<Int32>()
    var packed = ScratchBuffer<UInt32>()
    var startKinds = ScratchBuffer<UInt16>()
    var endKinds = ScratchBuffer<UInt16>()
    /// Whether a ``SurfaceMatches`` made in these buffers is still alive.
    var inUse = false

    public init() {}

    deinit {
        walk.deallocate()
        found.deallocate()
        starts.deallocate()
        packed.deallocate()
        startKinds.deallocate()
        endKinds.deallocate()
    }
}

/// A buffer of plain values that only grows: what one article needs is
/// allocated once and overwritten by the next.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var capacity = 0

    /// Room for `count` values; what was there is lost if it grows.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
        if count > capacity || base == nil {
            base?.deallocate()
            capacity = max(count, 2 * capacity, 16)
            base = .allocate(capacity: capacity)
        }
        return base!
    }

    /// Takes `storage` as the buffer's memory: what ``reserve(_:)`` gave,
    /// or memory that replaced it (which was then freed).
    mutating func adopt(_ storage: UnsafeMutablePointer<Element>, capacity: Int) {
        base = storage
        self.capacity = capacity
    }

    mutating func deallocate() {
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
