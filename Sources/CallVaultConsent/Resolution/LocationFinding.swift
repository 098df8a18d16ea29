import CallVaultCore

/// What the catalog says about one party's location: the strictness that applies there and the
/// steps that led to it, kept as values so the reason trail is only rendered when asked for.
struct LocationFinding: Hashable, Sendable {
    enum Step: Hashable, Sendable {
        /// A catalog rule applied, read for the party's medium.
        case rule(JurisdictionRule, CallMedium, ConsentStrictness)
        /// The location is unknown.
        case unknownLocation
        /// A bare country code whose rules differ by subdivision.
        case subdivisionUnknown(Jurisdiction)
        /// A code the catalog has no row for.
        case notInCatalog(Jurisdiction)
        /// A subdivision without a row in a country whose rules do not differ by subdivision.
        case countryRuleApplies(subdivision: Jurisdiction, country: Jurisdiction)
    }

    var strictness: ConsentStrictness
    var governing: [Jurisdiction]
    var steps: [Step]
    /// Whether a data-protection (lawful basis) rule applies here, whatever else is stricter: it
    /// limits purposes to those with a basis other than consent.
    var hasLawfulBasisRule = false
    /// The strictest recorded-notice rule of the rows applied here (nil if none asks for one).
    var recordedNotice: RecordedNotice?
    /// The jurisdictions whose rows ask for it.
    var recordedNoticeSources: [Jurisdiction] = []
}

extension JurisdictionCatalog {
    /// What `location` comes to for a call over `medium`: looked up when the catalog names the
    /// location, worked out otherwise.
    func finding(for location: Jurisdiction, medium: CallMedium) -> LocationFinding {
        if let known = findings[location] { return known[medium.ordinal] }
        return evaluate(location, medium: medium)
    }

    /// Evaluates a location: its own rule, its country's (the floor for a subdivision) and any
    /// floors the rows name (EU for its members); the strictest applies. Anything unknown reads as
    /// all-party, explicit consent.
    func evaluate(_ location: Jurisdiction, medium: CallMedium) -> LocationFinding {
        var finding = LocationFinding(strictness: .oneParty, governing: [], steps: [])
        guard !location.isUnknown else {
            finding.add(.unknownLocation, .allPartyExplicit, location)
            return finding
        }
        if let country = location.country {
            if let rule = rule(for: location) {
                finding.apply(rule, medium: medium, catalog: self)
            } else if hasSubdivisions(of: country) || rule(for: country) == nil {
                finding.add(.notInCatalog(location), .allPartyExplicit, location)
            } else {
                finding.steps.append(.countryRuleApplies(subdivision: location, country: country))
            }
            finding.applyFloor(country, medium: medium, catalog: self)
        } else if hasSubdivisions(of: location) {
            finding.add(.subdivisionUnknown(location), .allPartyExplicit, location)
            finding.applyFloor(location, medium: medium, catalog: self)
        } else if let rule = rule(for: location) {
            finding.apply(rule, medium: medium, catalog: self)
        } else {
            finding.add(.notInCatalog(location), .allPartyExplicit, location)
        }
        return finding
    }

    /// The strictness a rule sets for a call over `medium`; `uncertain` reads as all-party.
    static func strictness(of rule: JurisdictionRule, medium: CallMedium) -> ConsentStrictness {
        // An uncertain notice column means the sources disagree on whether consent is needed and
        // whether notice can stand for it: the stricter reading is explicit consent.
        if rule.noticeAsConsent == .uncertain { return .allPartyExplicit }
        switch rule.model(for: medium) {
        case .oneParty: return .oneParty
        case .lawfulBasis: return .lawfulBasis
        default: return rule.noticeAsConsent.allowsImpliedConsent ? .allPartyNoticeSuffices : .allPartyExplicit
        }
    }
}

extension LocationFinding {
    mutating func add(_ step: Step, _ level: ConsentStrictness, _ jurisdiction: Jurisdiction) {
        steps.append(step)
        switch step {
        case .rule(let rule, let medium, _):
            // A data-protection regime applies where the row says so or its model is lawful-basis.
            if rule.hasDataProtectionLaw || rule.model(for: medium) == .lawfulBasis { hasLawfulBasisRule = true }
            if let wanted = rule.recordedNotice {
                recordedNotice = max(recordedNotice ?? wanted, wanted)
                if !recordedNoticeSources.contains(rule.jurisdiction) {
                    recordedNoticeSources.append(rule.jurisdiction)
                }
            }
        case .unknownLocation, .subdivisionUnknown, .notInCatalog:
            // Unknown law: assume data-protection law applies too.
            hasLawfulBasisRule = true
        case .countryRuleApplies:
            break
        }
        if level > strictness {
            strictness = level
            governing = [jurisdiction]
        } else if level == strictness, !governing.contains(jurisdiction) {
            governing.append(jurisdiction)
        }
    }

    mutating func apply(_ rule: JurisdictionRule, medium: CallMedium, catalog: JurisdictionCatalog, depth: Int = 0) {
        add(
            .rule(rule, medium, JurisdictionCatalog.strictness(of: rule, medium: medium)),
            JurisdictionCatalog.strictness(of: rule, medium: medium), rule.jurisdiction)
        guard depth < 4 else { return }
        for floor in rule.floors { applyFloor(floor, medium: medium, catalog: catalog, depth: depth + 1) }
    }

    mutating func applyFloor(_ floor: Jurisdiction, medium: CallMedium, catalog: JurisdictionCatalog, depth: Int = 0) {
        if let rule = catalog.rule(for: floor) {
            apply(rule, medium: medium, catalog: catalog, depth: depth)
        } else {
            add(.notInCatalog(floor), .allPartyExplicit, floor)
        }
    }
}
