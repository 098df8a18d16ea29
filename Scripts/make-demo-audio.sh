#!/usr/bin/env bash
# Makes the sample integration's speech clips: espeak-ng speaks each line, sox turns it into
# 8 kHz mono G.711 mu-law WAV (what a telephone network carries). The clips are committed, so the
# demo needs neither tool; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")/../Examples/ContactCenterDemo/Audio"

say() { # name voice text
    espeak-ng -v "$2" -s 150 -w "/tmp/$1.raw.wav" "$3"
    sox "/tmp/$1.raw.wav" -r 8000 -c 1 -e mu-law -b 8 "$1.wav"
    rm -f "/tmp/$1.raw.wav"
}

say de-customer de "Guten Tag. Ich habe eine Frage zu meiner letzten Rechnung."
say de-agent de "Gern. Wie lautet Ihre Kundennummer?"
say gb-customer en-gb "Hello. I would like to change the address on my account."
say gb-agent en-gb "Certainly. Could you confirm your postcode, please?"
say ae-customer ar "مرحبا. أريد أن أسأل عن فاتورتي."
say ae-agent ar "بالتأكيد، سأساعدك."
say us-customer en-us "Hi. I am calling about a payment on my card."
say us-agent en-us "Sure, I can help with that. One moment."
say ca-third-party en-us "Hello, this is Sam from the California office, joining the call."
