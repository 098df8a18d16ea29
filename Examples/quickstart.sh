#!/usr/bin/env bash
# CallVault quick start: create two recipients, seal a WAV recording for both, open it whole and
# by time range, rewrap it for someone else, and watch tampered and truncated copies be refused.
#
# Usage: Examples/quickstart.sh [WORK_DIRECTORY]
# Needs sox (for a test call) and libsodium; builds the tool (saying so) if `callvault` is not on PATH.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v callvault >/dev/null 2>&1; then
    echo "callvault is not on PATH: building it first (swift build -c release, about 6 minutes the first time)" >&2
    swift build -c release --product callvault --package-path "$root" >&2
    PATH="$root/.build/release:$PATH"
fi
work="${1:-$(mktemp -d)}"
mkdir -p "$work" && cd "$work"
echo "working in $work"
# Identity files are sealed under a passphrase; without this variable callvault prompts for it.
export CALLVAULT_PASSPHRASE="${CALLVAULT_PASSPHRASE:-correct horse battery staple}"

# quickstart:begin
# A 40-second stereo G.711 mu-law call (agent left, customer right), as a recorder would capture it.
sox -n -r 8000 -c 2 -e u-law call.wav synth 40 sine 300-3400 sine 440

# Two people who may listen: each gets an identity file (secret) and a .pub recipient string.
callvault keygen --output supervisor
callvault keygen --output auditor

# Seal the call for both. The header records the audio format; segments hold whole sample frames.
callvault seal --recipient supervisor.pub --recipient auditor.pub --call-id call-42 --output call.cvr call.wav
callvault inspect call.cvr

# Either recipient opens it; the WAV comes back byte for byte.
callvault open --identity auditor --output call-again.wav call.cvr
cmp call.wav call-again.wav && echo "round trip: identical"

# Fifteen seconds, sample-accurate, reading only the segments that hold them.
callvault open --identity supervisor --from 10 --to 25 --output fifteen-seconds.wav call.cvr
soxi -D fifteen-seconds.wav

# Rewrap: the auditor leaves, a trainee joins. Only the header changes; the audio bytes do not.
callvault keygen --output trainee
callvault rewrap --identity supervisor --remove-recipient auditor.pub --add-recipient trainee.pub \
    --output call-rewrapped.cvr call.cvr
callvault open --identity trainee --output trainee.wav call-rewrapped.cvr && echo "trainee: opened"
callvault open --identity auditor --output auditor.wav call-rewrapped.cvr || echo "auditor refused: exit status $?"

# One changed byte: refused, naming the segment, and nothing is written.
cp call.cvr tampered.cvr
printf '\x42' | dd of=tampered.cvr bs=1 seek=50000 conv=notrunc status=none
callvault open --identity supervisor --output tampered.wav tampered.cvr || echo "tampered copy refused: exit status $?"

# Cut short, as by a crash: refused with the count of intact segments, or opened up to that point.
head -c 100000 call.cvr > truncated.cvr
callvault open --identity supervisor --output truncated.wav truncated.cvr || echo "truncated copy refused: exit status $?"
callvault open --identity supervisor --allow-incomplete --output truncated.wav truncated.cvr
soxi -D truncated.wav
# quickstart:end
