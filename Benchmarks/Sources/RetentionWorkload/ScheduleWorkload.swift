public import CallVaultRetention
import Foundation

/// A fixed set of recordings from the mix and the scheduler for them, with a Foundation peer: the
/// same recordings' retention periods added to their start or end times by
/// `Calendar.date(byAdding:to:)` in UTC, which is all the date arithmetic a schedule needs.
///
/// The peer puts the scheduler's cost in proportion: above 1000 permille, computing a whole
/// schedule (rules found, periods counted, conflicts resolved, reasons written) is cheaper than
/// Foundation's calendar doing only the additions.
public final class ScheduleWorkload: @unchecked Sendable {
    /// The scheduler: the bundled catalog and the mix's host policies.
    public let scheduler: RetentionScheduler
    /// The recordings; their number is a power of two.
    public let recordings: [RecordingRetentionAttributes]
    /// The period additions of each recording's schedule, one range per recording into `additions`.
    private let additionRanges: [Range<Int>]
    private let additions: [(components: DateComponents, base: Date)]
    private let calendar: Calendar
    private var cursor = 0

    /// Draws `count` recordings (rounded up to a power of two) from the mix.
    public init(count: Int = 4_096, seed: UInt64 = 0x5EED_CA11_7A0E) throws {
        var mix = try RecordingMix(seed: seed)
        let size = 1 << (Int.bitWidth - (max(count, 2) - 1).leadingZeroBitCount)
        recordings = mix.next(size)
        scheduler = try RecordingMix.scheduler()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.calendar = calendar
        var ranges: [Range<Int>] = []
        var additions: [(components: DateComponents, base: Date)] = []
        for recording in recordings {
            let start = additions.count
            for reason in try scheduler.schedule(for: recording).reasons {
                switch reason.finding {
                case .minimum(let period, _):
                    additions.append((period.components, recording.endedAt))
                case .maximum(let period, _):
                    additions.append((period.components, recording.startedAt))
                default:
                    break
                }
            }
            ranges.append(start..<additions.count)
        }
        self.additionRanges = ranges
        self.additions = additions
    }

    /// Period additions per schedule, on average over the recordings.
    public var additionsPerSchedule: Double { Double(additions.count) / Double(recordings.count) }

    /// How often each finding occurs over the recordings, for describing the mix.
    public func rulesPerSchedule() throws -> Double {
        var rules = 0
        for recording in recordings {
            rules += Set(try scheduler.schedule(for: recording).reasons.compactMap(\.rule)).count
        }
        return Double(rules) / Double(recordings.count)
    }

    /// Schedules the next `count` recordings (cycling through the set); returns a value derived
    /// from the schedules so the work cannot be optimised away.
    @discardableResult
    public func scheduleNext(_ count: Int) throws -> Double {
        let mask = recordings.count - 1
        var sink = 0.0
        for index in cursor..<(cursor + count) {
            sink += try scheduler.schedule(for: recordings[index & mask]).keepUntil.timeIntervalSince1970
        }
        cursor = (cursor + count) & mask
        return sink
    }

    /// Foundation's calendar doing the period additions of recordings `from..<from + count`.
    @discardableResult
    public func calendarAdditions(from: Int, count: Int) -> Double {
        let mask = recordings.count - 1
        var sink = 0.0
        for index in from..<(from + count) {
            for addition in additions[additionRanges[index & mask]] {
                sink += calendar.date(byAdding: addition.components, to: addition.base)?.timeIntervalSince1970 ?? 0
            }
        }
        return sink
    }

    /// The scheduler on recordings `from..<from + count` (`schedules(from: 0, count: n)` schedules
    /// the same recordings every call, so their allocations are counted exactly).
    @discardableResult
    public func schedules(from: Int, count: Int) throws -> Double {
        let mask = recordings.count - 1
        var sink = 0.0
        for index in from..<(from + count) {
            sink += try scheduler.schedule(for: recordings[index & mask]).keepUntil.timeIntervalSince1970
        }
        return sink
    }
}

extension RetentionPeriod {
    fileprivate var components: DateComponents { DateComponents(year: years, month: months, day: days) }
}
