import CallVaultCore
import CallVaultRetention
import Foundation
import PropertyBased

/// A random history for the retention property test: host policies, the recordings made at the
/// start, then steps (new recordings, holds placed and released, erasure requests, clock jumps
/// each followed by a sweep), any of which may be cut off by a crash at a random operation.
struct RetentionHistory: CustomStringConvertible {
    var policies: [PolicyDraft]
    var initial: [RecordingDraft]
    var steps: [PlannedStep]
    var batchSize: Int
    var concurrency: Int
    /// The nominal sweep interval: the final jump goes this far past every deletion time.
    var intervalDays: Int

    var description: String {
        var lines = [
            "history: batch \(batchSize), concurrency \(concurrency), interval \(intervalDays)d",
            "  policies: \(policies.map(\.description).joined(separator: "; "))",
            "  initial: \(initial.map(\.description).joined(separator: "; "))",
        ]
        lines += steps.enumerated().map { "  \($0.offset): \($0.element)" }
        return lines.joined(separator: "\n")
    }
}

/// A host policy, drawn as one of five shapes with random periods.
struct PolicyDraft: CustomStringConvertible {
    enum Kind: Int, CaseIterable {
        /// Sales queue: a business maximum.
        case salesMaximum
        /// VIP tag: a business minimum.
        case vipMinimum
        /// Quality purpose: a business minimum and a longer maximum.
        case qualityRange
        /// FCA-request tag: a legal obligation to keep.
        case fcaObligation
        /// Trading queue: a business minimum stored write-once.
        case tradingWriteOnce
    }

    var kind: Kind
    var first: (years: Int, months: Int, days: Int)
    var second: (years: Int, months: Int, days: Int)

    /// The same policy after a revision that exchanged its two periods.
    var revised: PolicyDraft { PolicyDraft(kind: kind, first: second, second: first) }

    func policy(index: Int) throws -> RetentionPolicy {
        let first = try RetentionPeriod(years: first.years, months: first.months, days: first.days)
        let longer = try RetentionPeriod(
            years: self.first.years + second.years, months: self.first.months + second.months,
            days: self.first.days + second.days)
        let id = try RetentionRuleID("policy-\(index)-\(kind)".lowercased())
        switch kind {
        case .salesMaximum:
            return try RetentionPolicy(
                id: id, name: "Sales maximum", match: RetentionQuery(queues: ["sales"]), maximum: first)
        case .vipMinimum:
            return try RetentionPolicy(
                id: id, name: "VIP minimum", match: RetentionQuery(tags: ["vip"]), minimum: first)
        case .qualityRange:
            return try RetentionPolicy(
                id: id, name: "Quality range", match: RetentionQuery(purposes: [.quality]), minimum: first,
                maximum: longer)
        case .fcaObligation:
            return try RetentionPolicy(
                id: id, name: "FCA request", match: RetentionQuery(tags: ["fca-request"]), minimum: first,
                isLegalObligation: true)
        case .tradingWriteOnce:
            return try RetentionPolicy(
                id: id, name: "Trading WORM", match: RetentionQuery(queues: ["trading"]), minimum: first,
                writeOnce: true)
        }
    }

    var description: String {
        "\(kind) P\(first.years)Y\(first.months)M\(first.days)D+P\(second.years)Y\(second.months)M\(second.days)D"
    }
}

/// A recording to make: where, under which declared regimes, why, for whom, and how long ago the
/// call ended.
struct RecordingDraft: CustomStringConvertible {
    var places: [String]
    var regimes: [RetentionRuleID]
    var purposes: Set<Purpose>
    var tags: Set<String>
    var queue: String?
    var customer: Int
    var agent: Int
    /// Seconds before "now" that the call ended.
    var age: Double
    /// Length of the call in seconds (with a fraction).
    var duration: Double
    var cardData: Bool

    var description: String {
        let purposeText = purposes.map(\.identifier).sorted().joined(separator: "+")
        return
            "\(places.joined(separator: "+"))[\(regimes.map(\.rawValue).joined(separator: ","))] p:\(purposeText) t:\(tags.sorted().joined(separator: "+")) q:\(queue ?? "-") C\(customer) A\(agent) age \(Int(age))s dur \(duration)s\(cardData ? " card" : "")"
    }
}

/// How a hold's scope is drawn.
enum HoldScopeDraft: CustomStringConvertible {
    case customer(Int)
    case agent(Int)
    /// Recordings picked by position among those made so far.
    case recordings([Int])
    /// Calls overlapping a window that starts `startsBefore` seconds before now and lasts `length`.
    case window(startsBefore: Double, length: Double)
    /// Every recording tagged `vip`.
    case vipQuery

    var description: String {
        switch self {
        case .customer(let customer): "customer C\(customer)"
        case .agent(let agent): "agent A\(agent)"
        case .recordings(let picks): "recordings #\(picks)"
        case .window(let before, let length): "window -\(Int(before))s for \(Int(length))s"
        case .vipQuery: "query tags=vip"
        }
    }
}

/// One step of a history.
enum HistoryStep: CustomStringConvertible {
    case record([RecordingDraft])
    case placeHold(HoldScopeDraft)
    /// Release the `index`-th active hold by two officers; first try to let the requester approve.
    case releaseHold(index: Int, requesterTriesFirst: Bool)
    /// Only request the release of the `index`-th active hold (it stays active).
    case requestRelease(index: Int)
    /// An erasure request for a customer, as a new request or the customer's first again.
    case erasure(customer: Int, repeatFirst: Bool)
    /// Recompute the schedules of recordings picked by position under the original policies
    /// (version 0) or their revision (version 1), and save them.
    case reschedule(version: Int, picks: [Int])
    /// Move the clock on, then sweep.
    case jump(seconds: Double)

    var description: String {
        switch self {
        case .record(let drafts): "record \(drafts.count): \(drafts.map(\.description).joined(separator: "; "))"
        case .placeHold(let scope): "place hold on \(scope)"
        case .releaseHold(let index, let first): "release hold #\(index)\(first ? " (requester tries first)" : "")"
        case .requestRelease(let index): "request release of hold #\(index)"
        case .erasure(let customer, let repeatFirst): "erasure for C\(customer)\(repeatFirst ? " (repeat)" : "")"
        case .reschedule(let version, let picks): "reschedule #\(picks) under policies v\(version)"
        case .jump(let seconds): "jump \(Self.span(seconds)) and sweep"
        }
    }

    static func span(_ seconds: Double) -> String {
        switch seconds {
        case ..<86_400: String(format: "%.3fh", seconds / 3600)
        case ..<(86_400 * 60): String(format: "%.3fd", seconds / 86_400)
        default: String(format: "%.3fy", seconds / (365.25 * 86_400))
        }
    }
}

/// A step and, perhaps, the operation at which the process dies during it.
struct PlannedStep: CustomStringConvertible {
    var step: HistoryStep
    var crashAt: Int?

    var description: String { "\(step)" + (crashAt.map { " ✝ crash at op \($0)" } ?? "") }
}

/// The generators of histories.
enum HistoryGen {
    static let places = ["FR", "DE", "GB", "US", "US-PA", "BR", "CA", "ZA", "SG", "JP", "unknown"]
    static let tagPool = ["vip", "fca-request", "sales"]
    static let queues = ["sales", "support", "trading"]

    /// Every regime id of the bundled catalog (declaring any of them is allowed).
    static let regimeIDs: [RetentionRuleID] =
        (try? RetentionCatalog.bundled.regimes.filter(\.isDeclarableForRecordings).map(\.id)) ?? ["eu-mifid2-16-7"]

    static let period = zip(Gen.int(in: 0...6), Gen.int(in: 0...11), Gen.int(in: 0...95)).map { years, months, days in
        (years: years, months: months, days: days)
    }

    static let policy = zip(Gen.int(in: 0...(PolicyDraft.Kind.allCases.count - 1)), period, period).map {
        kind, first, second in
        PolicyDraft(kind: PolicyDraft.Kind(rawValue: kind) ?? .vipMinimum, first: first, second: second)
    }

    /// Most calls just ended; some are imported from up to eight years back.
    static let age = zip(Gen.bool(0.7), Gen.int(in: 0...(3 * 86_400)), Gen.int(in: 0...(8 * 365 * 86_400))).map {
        recent, short, long in
        Double(recent ? short : long)
    }

    static let recording = zip(
        Gen.element(of: places).map { $0 ?? "FR" }.array(of: 1...2),
        Gen.element(of: regimeIDs).map { $0 ?? "eu-gdpr" }.array(of: 0...2),
        Gen.bool(0.35).array(of: Purpose.standard.count),
        Gen.bool(0.25).array(of: tagPool.count),
        Gen.int(in: 0...queues.count),
        zip(Gen.int(in: 0...2), Gen.int(in: 0...2)),
        age,
        Gen.int(in: 1_000...7_200_000),
        Gen.bool(0.1)
    ).map { places, regimes, purposeMask, tagMask, queue, people, age, durationMillis, cardData in
        RecordingDraft(
            places: places, regimes: regimes,
            purposes: Set(zip(Purpose.standard, purposeMask).filter(\.1).map(\.0)),
            tags: Set(zip(tagPool, tagMask).filter(\.1).map(\.0)),
            queue: queue < queues.count ? queues[queue] : nil, customer: people.0, agent: people.1, age: age,
            duration: Double(durationMillis) / 1000, cardData: cardData)
    }

    static let holdScope = Gen.frequency(
        (2, Gen.int(in: 0...2).map { HoldScopeDraft.customer($0) }),
        (1, Gen.int(in: 0...2).map { HoldScopeDraft.agent($0) }),
        (2, Gen.int(in: 0...40).array(of: 1...3).map { HoldScopeDraft.recordings($0) }),
        (
            1,
            zip(Gen.int(in: 0...(6 * 365 * 86_400)), Gen.int(in: 3600...(2 * 365 * 86_400))).map {
                HoldScopeDraft.window(startsBefore: Double($0), length: Double($1))
            }
        ),
        (0.5, Gen.always(HoldScopeDraft.vipQuery))
    )

    /// Hours, days, months or years, with milliseconds.
    static let jump = zip(Gen.int(in: 0...3), Gen.int(in: 1...48), Gen.int(in: 0...999)).map { scale, amount, millis in
        let seconds: Double =
            switch scale {
            case 0: Double(amount) * 3600
            case 1: Double(amount) * 86_400
            case 2: Double(amount % 12 + 1) * 30 * 86_400
            default: Double(amount % 6 + 1) * 365.25 * 86_400
            }
        return seconds + Double(millis) / 1000
    }

    static let step = Gen.frequency(
        (2.5, recording.array(of: 1...4).map { HistoryStep.record($0) }),
        (1.2, holdScope.map { HistoryStep.placeHold($0) }),
        (1, zip(Gen.int(in: 0...9), Gen.bool(0.3)).map { HistoryStep.releaseHold(index: $0, requesterTriesFirst: $1) }),
        (0.4, Gen.int(in: 0...9).map { HistoryStep.requestRelease(index: $0) }),
        (0.8, zip(Gen.int(in: 0...2), Gen.bool(0.3)).map { HistoryStep.erasure(customer: $0, repeatFirst: $1) }),
        (
            0.9,
            zip(Gen.int(in: 0...1), Gen.int(in: 0...6).array(of: 1...4)).map {
                HistoryStep.reschedule(version: $0, picks: $1)
            }
        ),
        (4, jump.map { HistoryStep.jump(seconds: $0) })
    )

    /// A crash in about two steps in five: often early in the step, often among a sweep's first
    /// deletions, sometimes deep in a long sweep.
    static let crash = zip(Gen.int(in: 0...9), Gen.int(in: 0...8), Gen.int(in: 3...40), Gen.int(in: 0...160)).map {
        choice, early, deletions, deep in
        choice < 4 ? early : choice < 8 ? deletions : deep
    }.optional(valueRate: 0.4)

    static let plannedStep = zip(step, crash).map { PlannedStep(step: $0, crashAt: $1) }

    static let history = zip(
        policy.array(of: 0...3),
        recording.array(of: 1...8),
        plannedStep.array(of: 6...22),
        Gen.int(in: 1...6),
        Gen.int(in: 1...3),
        Gen.int(in: 1...30)
    ).map { policies, initial, steps, batchSize, concurrency, intervalDays in
        RetentionHistory(
            policies: policies, initial: initial, steps: steps, batchSize: batchSize, concurrency: concurrency,
            intervalDays: intervalDays)
    }
}
