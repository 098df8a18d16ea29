/// The gate's state and the commands waiting for their position on the timeline.
///
/// A value type in the style of the consent state machine: commands in, state out, no I/O. The
/// recorder asks it for the next position where something changes and applies commands as the
/// written point passes their positions, so every command takes effect at exactly its sample.
struct GateSchedule {
    private(set) var isStarted = false
    private(set) var isStopped = false
    private(set) var pauseReasons: [PauseReason] = [] {
        didSet { isPaused = !pauseReasons.isEmpty }
    }
    /// Whether any pause reason holds; kept beside the reasons so the recorder's check on every
    /// frame reads the schedule alone, not the reasons' storage.
    private(set) var isPaused = false
    private(set) var excludedChannels: UInt64 = 0
    private var pending: [(position: Int64, order: Int, command: GateCommand)] = [] {
        didSet { nextChangePosition = pending.first?.position }
    }
    /// The position of the next queued command, if any (kept beside the queue for the same reason).
    private(set) var nextChangePosition: Int64?
    private var order = 0

    init() {
        pending.reserveCapacity(16)
        pauseReasons.reserveCapacity(4)
    }

    var isRecording: Bool { isStarted && !isStopped }

    func isExcluded(_ channel: Int) -> Bool {
        excludedChannels & (1 << UInt64(channel)) != 0
    }

    /// Queues `command` for `position`, keeping commands in position order (and arrival order at
    /// one position).
    mutating func schedule(_ command: GateCommand, at position: Int64) {
        order += 1
        let entry = (position: position, order: order, command: command)
        let index = pending.firstIndex { $0.position > position } ?? pending.count
        pending.insert(entry, at: index)
    }

    /// Applies every command queued at or before `position`, in order; returns the position of a
    /// stop among them.
    @discardableResult
    mutating func applyCommands(upTo position: Int64, channel: (TrackID) -> Int?) -> Int64? {
        guard let next = nextChangePosition, next <= position else { return nil }
        var stoppedAt: Int64?
        while let first = pending.first, first.position <= position {
            pending.removeFirst()
            if first.command == .stop, !isStopped { stoppedAt = first.position }
            apply(first.command, channel: channel)
        }
        return stoppedAt
    }

    private mutating func apply(_ command: GateCommand, channel: (TrackID) -> Int?) {
        switch command {
        case .start:
            if !isStopped { isStarted = true }
        case .stop:
            isStopped = true
        case .pause(let reason):
            if !pauseReasons.contains(reason) { pauseReasons.append(reason) }
        case .resume(let reason):
            pauseReasons.removeAll { $0 == reason }
        case .exclude(let track):
            if let index = channel(track) { excludedChannels |= 1 << UInt64(index) }
        case .include(let track):
            if let index = channel(track) { excludedChannels &= ~(1 << UInt64(index)) }
        }
    }
}
