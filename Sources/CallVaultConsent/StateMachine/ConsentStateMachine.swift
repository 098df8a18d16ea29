public import CallVaultCore

/// The consent rules of one call, as a value: events in, actions out.
///
/// The host feeds it what happens on the call (started, announcement played, key pressed, party
/// joined, card data coming, ended...) and performs the actions it returns (play a prompt, start
/// or pause recording, exclude a track, emit a receipt...). It does no I/O and reads no clock:
/// every event carries its ``ConsentMoment``, and timeouts are scheduled by the host.
///
/// The rules it keeps:
/// - nothing is recorded before every party has what the law requires (notice or consent), except
///   an announcement the law wants on the recording (Washington, Connecticut), which opens it;
/// - a party who joins and must consent is excluded (or the recording paused, per policy) until
///   they do, and if they raise the requirement for everyone, the others are asked again;
/// - a party who declines leaves the call unrecorded, never disconnected against their will
///   (unless the line may not be used unrecorded, where the host is asked to end the call);
/// - withdrawal stops recording at once and applies the policy to what was captured;
/// - card-data pauses hold recording until released, and no key press or speech intent during one
///   is interpreted (each is only counted);
/// - a key press or speech intent that means nothing now is reported as
///   ``ConsentAction/inputIgnored(_:)``, never dropped in silence;
/// - with ``ConsentPolicy/explicitConsentEverywhere`` every party outside the organisation must
///   agree by an affirmative act, wherever they are;
/// - an event that makes no sense now throws ``ConsentStateMachineError`` and changes nothing.
///
/// ```swift
/// var machine = ConsentStateMachine(resolver: resolver, purposes: [.quality], policy: ConsentPolicy())
/// for action in try machine.callStarted(callID: "c-1", direction: .inbound, participants: parties, at: now) {
///     switch action { /* perform every case */ }
/// }
/// ```
public struct ConsentStateMachine: Sendable, Equatable {
    private enum State: Hashable, Sendable {
        case idle
        case active(ConsentCall)
        case ended
        /// Held while an event mutates the call, so the call's storage is uniquely referenced and
        /// updated in place rather than copied.
        case modifying
    }

    let rules: ConsentRules
    private var state = State.idle

    /// Creates a machine for one call.
    public init(resolver: RequirementResolver, purposes: [Purpose], policy: ConsentPolicy) {
        self.rules = ConsentRules(resolver: resolver, purposes: purposes, policy: policy)
    }

    /// Decides requirements as parties come and go.
    public var resolver: RequirementResolver { rules.resolver }
    /// What the recording is for (parties are told).
    public var purposes: [Purpose] { rules.purposes }
    /// The host's choices.
    public var policy: ConsentPolicy { rules.policy }

    /// Whether two machines are in the same state (their rules are not compared).
    public static func == (lhs: ConsentStateMachine, rhs: ConsentStateMachine) -> Bool {
        lhs.state == rhs.state
    }

    /// The current decision, once the call has started.
    public var decision: ConsentDecision? {
        if case .active(let call) = state { return call.decision }
        return nil
    }

    /// Whether recording is running (not stopped, not before the start); it may be paused.
    public var isRecording: Bool {
        if case .active(let call) = state, case .running = call.recording { return true }
        return false
    }

    /// Whether recording is paused, for any reason.
    public var isPaused: Bool {
        if case .active(let call) = state { return call.pausedForCardData || call.pausedForConsent }
        return false
    }

    /// Whether the call has ended.
    public var hasEnded: Bool {
        if case .ended = state { return true }
        return false
    }

    // MARK: Plumbing

    mutating func start(_ call: ConsentCall) throws(ConsentStateMachineError) {
        switch state {
        case .idle: state = .active(call)
        case .ended: throw .callAlreadyEnded(event: "call started")
        case .active, .modifying: throw .callAlreadyStarted
        }
    }

    /// Runs `body` on the active call. `body` must check everything that can fail before it changes
    /// anything, so a thrown error leaves the machine as it was.
    mutating func withCall(
        _ event: String, _ body: (inout ConsentCall, inout ConsentActions) throws(ConsentStateMachineError) -> Void
    ) throws(ConsentStateMachineError) -> ConsentActions {
        guard case .active(var call) = state else {
            if case .ended = state { throw .callAlreadyEnded(event: event) }
            throw .callNotStarted(event: event)
        }
        state = .modifying
        var actions = ConsentActions()
        do {
            try body(&call, &actions)
        } catch {
            state = .active(call)
            throw error
        }
        state = .active(call)
        return actions
    }

    mutating func end(_ call: ConsentCall) {
        _ = call
        state = .ended
    }
}

/// What a machine decides with: fixed for the call, and kept apart from the machine's state so the
/// event handlers can consult it while they modify the call in place.
struct ConsentRules: Sendable {
    let resolver: RequirementResolver
    let purposes: [Purpose]
    let policy: ConsentPolicy
}
