import CallVaultCore
import Foundation
import Testing

/// The clocks a host may use besides the system's: one shifted by an offset, and one fixed.
@Suite("Wall clocks: offset and fixed")
struct WallClocksTests {
    @Test("an offset clock reads the system time plus its offset, behind or ahead", arguments: [-3600, -2, 90, 86_400])
    func offsetReadsSystemPlusOffset(seconds: Int64) {
        let clock = OffsetWallClock(offset: .seconds(seconds))
        let before = Date()
        let read = clock.now
        let after = Date()
        #expect(read >= before.addingTimeInterval(Double(seconds)))
        #expect(read <= after.addingTimeInterval(Double(seconds)))
        #expect(clock.offset == .seconds(seconds))
    }

    @Test("an offset clock moves with the system clock")
    func offsetMoves() async throws {
        let clock = OffsetWallClock(offset: .milliseconds(-1_500))
        let first = clock.now
        try await clock.sleep(for: .milliseconds(20))
        #expect(clock.now.timeIntervalSince(first) >= 0.02)
    }

    @Test("a fixed clock reads its time, before and after a real wait")
    func fixedNeverMoves() async throws {
        let moment = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z
        let clock = FixedWallClock(moment)
        #expect(clock.now == moment)
        let started = ContinuousClock.now
        try await clock.sleep(for: .milliseconds(20))
        #expect(ContinuousClock.now - started >= .milliseconds(20), "the wait is real")
        #expect(clock.now == moment)
    }

    @Test("a wait on either clock ends with CancellationError when its task is cancelled")
    func cancelled() async {
        for clock in [OffsetWallClock(offset: .zero) as any WallClock, FixedWallClock(Date())] {
            let task = Task { try await clock.sleep(for: .seconds(3600)) }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }
}
