import Foundation

/// What the scale tools print about the machine they ran on, so runs can be compared: the load
/// when they started and ended, and how long a read from memory the caches do not hold takes.
public enum ScaleMachine {
    /// The first three fields of /proc/loadavg: a busy machine makes every figure worse.
    public static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Nanoseconds per dependent read over 128 MiB (a random cycle, so neither the caches nor the
    /// prefetcher help): ten thousand calls are bound by such reads, and on a shared host this
    /// figure moves with the neighbours' memory traffic even when the load average and steal
    /// time do not. The same binary used 0.60 cores for CaptureScale's 10,000 calls at one time of
    /// day and 0.88 at another.
    public static func memoryReadNanoseconds() -> Double {
        let count = 1 << 25  // 32 Mi entries of 4 bytes
        let next = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
        defer { next.deallocate() }
        for index in 0..<count { next[index] = UInt32(index) }
        // Sattolo's shuffle: one cycle through every entry.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in stride(from: count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let other = Int((state >> 33) % UInt64(index))
            (next[index], next[other]) = (next[other], next[index])
        }
        let steps = 2_000_000
        var position: UInt32 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { position = next[Int(position)] }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        // Keeps the chase from being optimized away.
        if position == UInt32.max { print("") }
        return Double(elapsed) / Double(steps)
    }

    /// A line for a tool's start, after its load line: the memory read time.
    public static func memoryLine() -> String {
        String(format: "random memory read: %.0f ns (dependent reads over 128 MiB)", memoryReadNanoseconds())
    }
}
