import CallVaultCore
public import CallVaultRetention
public import Foundation

/// A deterministic, realistic mix of recordings for the retention benchmarks: a contact center
/// serving investment clients in the EU, the UK and the US, retail and telecom customers in
/// France, Germany, Brazil and North America.
///
/// Each recording has one or two jurisdictions, zero to two declared regimes, one or two purposes,
/// a queue and a line of business; some carry tags the host's policies match (`complaint`,
/// `fca-request`), a few a flagged card-data range. The same seed gives the same recordings (ids
/// included), so allocation counts over a mix are exact and repeatable.
public struct RecordingMix: Sendable {
    /// The moment the benchmarks treat as "now": recordings start in the years before it.
    public static let now = Date(timeIntervalSince1970: 1_795_910_400)  // 2026-11-29T00:00:00Z

    /// How far back recordings start, from ``now``: six years, so the five- and seven-year
    /// minimums of trading lines are mostly still running and short rules (CNIL, SAC) long over.
    public var history: TimeInterval = 6 * 365.25 * 86_400

    private var random: SplitMix64
    private let places: Places
    private let commitments: [[UInt8]]

    /// Creates a mix; the same seed gives the same recordings.
    public init(seed: UInt64 = 0x5EED_CA11_7A0E) throws {
        random = SplitMix64(seed: seed)
        places = try Places()
        var commitmentSource = SplitMix64(seed: seed ^ 0xC0FF_EE)
        // A pool of key commitments: certificates cite one per recording, and their length is
        // what matters to the cost of certifying, not their uniqueness.
        commitments = (0..<256).map { _ in (0..<32).map { _ in UInt8(truncatingIfNeeded: commitmentSource.next()) } }
    }

    /// The next `count` recordings.
    public mutating func next(_ count: Int) -> [RecordingRetentionAttributes] {
        var recordings: [RecordingRetentionAttributes] = []
        recordings.reserveCapacity(count)
        for _ in 0..<count { recordings.append(next()) }
        return recordings
    }

    /// The next recording.
    public mutating func next() -> RecordingRetentionAttributes {
        let id = RecordingID(uuid: random.uuid())
        let startedAt = Self.now.addingTimeInterval(-random.unit() * history)
        let endedAt = startedAt.addingTimeInterval(30 + random.unit() * 1_770)
        var jurisdictions: [Jurisdiction]
        var declared: [RetentionRuleID] = []
        var purposes: Set<Purpose>
        var tags: Set<String> = []
        let queue: String
        let lineOfBusiness: String
        let profile = random.below(100)
        switch profile {
        case 0..<20:  // an EU investment firm's order lines
            jurisdictions = [random.pick(places.euInvestment)]
            if random.chance(30) { jurisdictions.append(random.pick(places.euCounterparty)) }
            declared = ["eu-mifid2-16-7"]
            purposes = random.chance(50) ? [.legalOrRegulatory, .quality] : [.legalOrRegulatory]
            if random.chance(5) { tags.insert("complaint") }
            queue = "trading-desk"
            lineOfBusiness = "brokerage"
        case 20..<30:  // UK order lines, some under an FCA request to keep seven years
            jurisdictions = random.chance(20) ? [places.gb, places.fr] : [places.gb]
            declared = random.chance(10) ? ["gb-fca-sysc-10a", "gb-fca-cobs-11-8"] : ["gb-fca-sysc-10a"]
            purposes = [.legalOrRegulatory]
            if random.chance(10) { tags.insert("fca-request") }
            queue = "trading-desk"
            lineOfBusiness = "brokerage"
        case 30..<40:  // US broker-dealer and futures lines
            jurisdictions = random.chance(30) ? [places.usNY, places.usNJ] : [places.usNY]
            switch random.below(3) {
            case 0: declared = ["us-finra-3170"]
            case 1: declared = ["us-cftc-1-35"]
            default: declared = ["us-finra-3170", "us-cftc-1-35"]
            }
            purposes = [.legalOrRegulatory]
            queue = "trading-desk"
            lineOfBusiness = "brokerage"
        case 40..<60:  // French and German retail-banking support, recorded for quality
            jurisdictions = random.pick([[places.fr], [places.de], [places.fr, places.be]])
            if random.chance(50) { declared = ["contact-centre-practice"] }
            purposes = random.chance(40) ? [.quality, .training] : [.quality]
            if random.chance(5) { tags.insert("complaint") }
            queue = "support"
            lineOfBusiness = "retail-banking"
        case 60..<70:  // a Brazilian telecom's SAC line
            jurisdictions = [places.br]
            declared = ["br-sac-decree-11034"]
            purposes = [.quality, .disputeResolution]
            queue = "support"
            lineOfBusiness = "telecom"
        case 70..<85:  // US telemarketing and sales
            jurisdictions = [random.pick([places.usPA, places.usCA, places.usTX])]
            declared = random.chance(50) ? ["us-ftc-tsr-310-5", "us-tcpa-consent-records"] : ["us-ftc-tsr-310-5"]
            purposes = random.chance(50) ? [.quality] : [.disputeResolution]
            queue = "sales"
            lineOfBusiness = "telecom"
        case 85..<95:  // support elsewhere: Canada, South Africa, Singapore
            jurisdictions = random.pick([[places.ca], [places.za], [places.sg], [places.usCA, places.ca]])
            if random.chance(60) { declared = ["contact-centre-practice"] }
            purposes = [.quality]
            if random.chance(5) { tags.insert("complaint") }
            queue = "support"
            lineOfBusiness = "retail-banking"
        default:  // collections, where complaints are common
            jurisdictions = random.chance(50) ? [places.gb] : [places.usNY]
            purposes = [.disputeResolution]
            if random.chance(20) { tags.insert("complaint") }
            queue = "collections"
            lineOfBusiness = "retail-banking"
        }
        let cardData =
            random.chance(3) ? [CardDataRange(start: .seconds(20 + random.below(60)), end: .seconds(90))] : []
        return RecordingRetentionAttributes(
            recordingID: id, startedAt: startedAt, endedAt: endedAt, jurisdictions: jurisdictions,
            declaredRegimes: declared, purposes: purposes, tags: tags, queue: queue, lineOfBusiness: lineOfBusiness,
            customerID: "C-\(random.below(200_000))", agentID: "A-\(random.below(2_000))", cardDataRanges: cardData,
            keyCommitment: commitments[random.below(commitments.count)])
    }

    /// A host's own policies over the mix: sales calls at most two years, an FCA request to keep
    /// seven years (a legal obligation, write-once), complaints at least three years, training
    /// copies at most one year, collections between one and six years.
    public static func hostPolicies() throws -> RetentionPolicySet {
        try RetentionPolicySet(
            version: "acme-2026-11",
            policies: [
                RetentionPolicy(
                    id: "acme-sales", name: "Sales calls", match: RetentionQuery(queues: ["sales"]),
                    maximum: RetentionPeriod(iso8601: "P2Y")),
                RetentionPolicy(
                    id: "acme-fca-request", name: "FCA request of 2026-10",
                    match: RetentionQuery(tags: ["fca-request"]),
                    minimum: RetentionPeriod(iso8601: "P7Y"), writeOnce: true, isLegalObligation: true),
                RetentionPolicy(
                    id: "acme-complaints", name: "Complaints", match: RetentionQuery(tags: ["complaint"]),
                    minimum: RetentionPeriod(iso8601: "P3Y")),
                RetentionPolicy(
                    id: "acme-training", name: "Training copies", match: RetentionQuery(purposes: [.training]),
                    maximum: RetentionPeriod(iso8601: "P1Y")),
                RetentionPolicy(
                    id: "acme-collections", name: "Collections", match: RetentionQuery(queues: ["collections"]),
                    minimum: RetentionPeriod(iso8601: "P1Y"), maximum: RetentionPeriod(iso8601: "P6Y")),
            ])
    }

    /// The bundled catalog with ``hostPolicies()``.
    public static func scheduler() throws -> RetentionScheduler {
        try RetentionScheduler(catalog: RetentionCatalog.bundled, policies: hostPolicies())
    }
}

/// The places of the mix, parsed once.
private struct Places: Sendable {
    let fr, de, be, gb, usNY, usNJ, usPA, usCA, usTX, br, ca, za, sg: Jurisdiction
    let euInvestment: [Jurisdiction]
    let euCounterparty: [Jurisdiction]

    init() throws {
        func place(_ code: String) throws -> Jurisdiction { try Jurisdiction(parsing: code) }
        fr = try place("FR")
        de = try place("DE")
        be = try place("BE")
        gb = try place("GB")
        usNY = try place("US-NY")
        usNJ = try place("US-NJ")
        usPA = try place("US-PA")
        usCA = try place("US-CA")
        usTX = try place("US-TX")
        br = try place("BR")
        ca = try place("CA")
        za = try place("ZA")
        sg = try place("SG")
        euInvestment = [fr, de, try place("IT"), try place("ES"), try place("NL")]
        euCounterparty = [de, try place("LU"), try place("IE"), gb]
    }
}

/// SplitMix64: small, fast and the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    mutating func uuid() -> UUID {
        let high = next()
        let low = next()
        return withUnsafeBytes(of: (high, low)) { bytes in
            UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                    bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        }
    }
}
