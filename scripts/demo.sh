#!/usr/bin/env bash
# The main job end to end on embedded defaults: builds the jars if needed, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=companion/target/posture-companion.jar
if [ ! -f "$jar" ] || [ -n "$(find protocol hardware device companion pom.xml -newer "$jar" -name '*.java' -o -newer "$jar" -name pom.xml | head -1)" ]; then
  mvn -B -ntp -q package -DskipTests
fi
exec java -jar "$jar" demo "$@"
