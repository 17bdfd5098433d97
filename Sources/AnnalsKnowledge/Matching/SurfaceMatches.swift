/// The lexicon matches of one stretch of text (an article), position by
/// position: for local position `p`, matches `starts[p]..<starts[p + 1]`
/// are the surface forms starting there, shortest first (``length(of:)``,
/// ``surface(of:)``); `startKinds[p]` and `endKinds[p]` hold one bit per
/// entry kind of the forms that start and end there (`endKinds` has one
/// slot more). The tables live in the ``MatchBuffers`` they were made in,
/// which hold no other table while this one is alive.
public final class SurfaceMatches {
    public let starts: UnsafeBufferPointer<Int32>
    /// Surface number << 8 | length (keys are shorter than 256 characters,
    /// surfaces fewer than 2^24).
    @usableFromInline let packed: UnsafeBufferPointer<UInt32>
    public let startKinds: UnsafeBufferPointer<UInt16>
    public let endKinds: UnsafeBufferPointer<UInt16>
    /// Where the tables live; free for the next table once this one goes.
    private let buffers: MatchBuffers

    init(starts: UnsafeMutableBufferPointer<Int32>, packed: UnsafeMutableBufferPointer<UInt32>, startKinds: UnsafeMutableBufferPointer<UInt16>,
         endKinds: UnsafeMutableBufferPointer<UInt16>, buffers: MatchBuffers) {
        self.starts = UnsafeBufferPointer(starts)
        self.packed = UnsafeBufferPointer(packed)
        self.startKinds = UnsafeBufferPointer(startKinds)
        self.endKinds = UnsafeBufferPointer(endKinds)
        self.buffers = buffers
        buffers.inUse = true
    }

    deinit { buffers.inUse = false }

    @inlinable @inline(__always)
    public func length(of match: Int) -> Int { Int(packed[match] & 0xFF) }

    @inlinable @inline(__always)
    public func surface(of match: Int) -> Int { Int(packed[match] >> 8) }
}
