/// A key press or speech intent the state machine did not act on, reported in
/// ``ConsentAction/inputIgnored(_:)`` so nothing a party does is dropped in silence.
///
/// During a secure pause the input is ``Input/withheld``: what was pressed or said is not kept,
/// because it may be card data.
public struct IgnoredInput: Hashable, Sendable, CustomStringConvertible {
    /// What the party did, as far as it may be kept.
    public enum Input: Hashable, Sendable {
        /// A key press.
        case key(Character)
        /// A recognised speech intent.
        case speech(SpeechIntent)
        /// A key press or speech intent during a secure pause: counted, its value not kept.
        case withheld
    }

    /// Why it meant nothing.
    public enum Reason: String, Hashable, Sendable {
        /// Card data is being given: no input is interpreted (a digit of a card number is not an
        /// answer or a withdrawal).
        case securePause = "secure-pause"
        /// A consent question is pending, and the key is neither the consent key nor the decline key.
        case notAnAnswer = "not-an-answer"
        /// Nothing is asked of the party now, and the input is not a withdrawal (a key during a
        /// notice, a key other than the withdrawal key while recording, any input after the call
        /// went unrecorded, speech with no question pending).
        case nothingAsked = "nothing-asked"
    }

    /// The party.
    public let party: PartyID
    /// What they did.
    public let input: Input
    /// Why it changed nothing.
    public let reason: Reason

    /// Creates a report.
    public init(party: PartyID, input: Input, reason: Reason) {
        self.party = party
        self.input = input
        self.reason = reason
    }

    /// `party customer key 7 ignored: not-an-answer`, `party customer input withheld: secure-pause`.
    public var description: String {
        let what: String
        switch input {
        case .key(let key): what = "key \(key)"
        case .speech(let intent): what = "speech \(intent.rawValue)"
        case .withheld: what = "input withheld"
        }
        return "party \(party) \(what) ignored: \(reason.rawValue)"
    }
}
