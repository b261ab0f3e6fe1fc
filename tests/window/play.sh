#!/usr/bin/env bash
# Plays a scenario to its end in a real window: Xvfb, software Vulkan, keys
# sent with xdotool. Fails if the game exits or logs an error, or if a
# screenshot is blank. Screenshots stay in target/window/ for a person to see:
# the five moods (the `dev` build's face gallery, F9), large text on the
# settings, select, briefing and conversation screens at 1280×720, the
# select, briefing, progress and conversation screens with the window at
# 1920×1080, the question before leaving a conversation, a reply typed in
# the trainee's own words, shown back and answered, and a conversation in
# exam mode after a reply.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${CARGO_TARGET_DIR:-target}/release/frontline
out=target/window
mkdir -p "$out"
rm -f "$out"/*.png "$out"/game.log
# The dev build: the same game plus the face gallery (a small rebuild of the game only).
cargo build --release --features dev --bin frontline

display=:${WINDOW_TEST_DISPLAY:-97}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
data=$(mktemp -d)
cleanup() {
  kill "${game:-}" "$xvfb" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
export DISPLAY=$display WGPU_BACKEND=vulkan FRONTLINE_DATA=$data
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

"$bin" >"$out/game.log" 2>&1 &
game=$!

fail() {
  echo "window test failed: $*" >&2
  tail -30 "$out/game.log" >&2
  exit 1
}
alive() { kill -0 "$game" 2>/dev/null || fail "the game exited"; }
# Waits until the game has logged entering screen $1 at least $2 times (default 1).
wait_screen() {
  for _ in $(seq 150); do
    [ "$(grep -c "screen: $1\$" "$out/game.log")" -ge "${2:-1}" ] && return 0
    alive
    sleep 0.1
  done
  fail "never reached the $1 screen"
}
key() { alive; xdotool key --window "$window" "$@"; sleep 0.4; }
shot() {
  sleep 0.7
  import -window "$window" "$out/$1.png"
  # A blank or single-colour frame has (almost) no spread of colours.
  local colours
  colours=$(convert "$out/$1.png" -format '%k' info:)
  [ "$colours" -gt 50 ] || fail "screenshot $1 is blank ($colours colours)"
}

wait_screen Title
window=$(xdotool search --sync --pid "$game" | tail -1)
xdotool windowfocus --sync "$window"
sleep 1
shot title
key F9
shot faces
n=0
for mood in furious upset uneasy content delighted; do
  n=$((n + 1))
  key "F$n"
  sleep 1
  shot "mood_$mood"
done
key F9
key s
wait_screen Settings
key t
shot settings_large
key Escape
wait_screen Title 2
key Return
wait_screen Name
xdotool type --window "$window" "Ada"
key Return
wait_screen Select
shot select_large
key 1
wait_screen Briefing
shot briefing_large
key Return
wait_screen Conversation
shot conversation_large
# Answers 1 until the conversation ends, then shows the customer's reaction.
# $1: how many conversations have ended before this one.
converse() {
  for _ in $(seq 40); do
    [ "$(grep -c "conversation: ended" "$out/game.log")" -gt "$1" ] && return 0
    key 1
  done
  fail "the conversation never ended"
}
converse 0
shot ending
key Return
wait_screen Debrief
shot debrief
# Try the costliest moment again, finish it, and see its debrief.
key t
wait_screen Conversation 2
shot retry
converse 1
key Return
wait_screen Debrief 2
shot debrief_retry
key s
wait_screen Briefing 2
key Escape
wait_screen Select 2
shot select_after
xdotool windowsize --sync "$window" 1920 1080
sleep 1
shot select_1080
key 1
wait_screen Briefing 3
shot briefing_1080
key Escape
wait_screen Select 3
key p
wait_screen Progress
shot progress_1080
# The newest finished attempt's debrief, reopened from the records.
key o
wait_screen Debrief 3
shot debrief_reopened
key Return
wait_screen Select 4
# Leaving a conversation under way asks first; "no" keeps it going.
key 1
wait_screen Briefing 4
key Return
wait_screen Conversation 3
shot conversation_1080
key 1
key Escape
shot leave_confirm
key n
key Escape
key y
wait_screen Select 5
# Type my replies: the model loads off the frame, a reply typed in the
# trainee's own words is shown back as the reply it means, Enter agrees, and
# the customer answers it.
key Escape
wait_screen Name 2
key Escape
wait_screen Title 3
key s
wait_screen Settings 2
key y
shot settings_typed
key Escape
wait_screen Title 4
key Return
wait_screen Name 3
key Return
wait_screen Select 6
key 1
wait_screen Briefing 5
key Return
wait_screen Conversation 4
for _ in $(seq 100); do grep -q "typed replies: ready" "$out/game.log" && break; alive; sleep 0.2; done
grep -q "typed replies: ready" "$out/game.log" || fail "the model never got ready"
shot typed_field
xdotool type --window "$window" --delay 20 "Hi, I'm the manager. Sorry about this. What were you hoping to have tonight?"
key Return
grep -q "typed reply: Confirm" "$out/game.log" || fail "the typed reply was not read as one reply"
shot typed_confirm
taken=$(grep -c "conversation: reply taken" "$out/game.log")
key Return
[ "$(grep -c "conversation: reply taken" "$out/game.log")" -gt "$taken" ] || fail "the confirmed reply was not taken"
shot typed_answer
key Escape
key y
wait_screen Select 7
# Exam mode: a reply lands and the screen says nothing of how it went.
key Escape
wait_screen Name 4
key Escape
wait_screen Title 5
key s
wait_screen Settings 3
key y
key c
shot settings_exam
key Escape
wait_screen Title 6
key Return
wait_screen Name 5
key Return
wait_screen Select 8
key 1
wait_screen Briefing 6
key Return
wait_screen Conversation 5
key 1
shot exam_conversation
key Escape
key y
wait_screen Select 9
alive
if grep -E "panicked|ERROR" "$out/game.log"; then fail "the game logged an error"; fi
echo "window test passed; screenshots in $out/"
