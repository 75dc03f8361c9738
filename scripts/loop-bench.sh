#!/usr/bin/env bash
# The firmware's sampling loop in real time with MQTT publishing and a serial stream running:
# `sim --real-time` (the device's own parking loop) at 200 Hz on the emulated MPU-6050, a mosquitto
# broker on a free port, and a socat pseudo-terminal pair whose far end asks for STREAM ON 50 and
# reads everything. Prints the sim's summary: samples, missed, period deviation percentiles, memory.
# Usage: scripts/loop-bench.sh [SECONDS] (default 600), with the device's production JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
jar=device/target/posture-device.jar
[ -f "$jar" ] || mvn -q -B -ntp -pl device -am package -DskipTests
for p in mosquitto socat; do
  command -v $p >/dev/null 2>&1 || [ -x /usr/sbin/$p ] || { echo "loop-bench: needs $p (apt-get install $p)" >&2; exit 2; }
done
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
socat pty,raw,echo=0,link="$work/dev" pty,raw,echo=0,link="$work/host" 2>"$work/socat.log" &
for _ in $(seq 100); do [ -e "$work/dev" ] && [ -e "$work/host" ] && break; sleep 0.1; done

# The host end: ask for the stream once the console is up, then read until the end.
( exec 3<>"$work/host"
  sleep 3; printf 'STREAM ON 50\r' >&3
  cat <&3 >"$work/stream.log" 2>/dev/null ) &

java -Xms48m -Xmx48m -XX:+UseSerialGC -XX:MaxMetaspaceSize=48m -Xss512k -jar "$jar" sim --real-time \
  --scenario desk-day --duration "$seconds" --set sample_rate_hz=200 \
  --broker "tcp://127.0.0.1:$port" --serial "$work/dev" 2>"$work/device.log" | grep -E '^(sim|loop):'
echo "loop-bench: $(grep -c '^\* STREAM' "$work/stream.log" || true) stream lines read on the host end"
