#!/bin/sh
# Builds one Medallion program and lays it out the way the image runs it:
#   OUT/app.jar   runnable with `java -jar` (manifest Main-Class and Class-Path lib/...)
#   OUT/lib/      its runtime dependencies
# Usage: deploy/docker/assemble.sh SERVICE OUT [maven options...]
#   SERVICE: cdc-capture | bronze-writer | silver-enricher | gold-kpi | loadgen
# Run from the repository root; the Dockerfile's build stage runs it, and so can a developer
# (e.g. with -o to stay offline).
set -eu

usage() {
    echo "usage: deploy/docker/assemble.sh cdc-capture|bronze-writer|silver-enricher|gold-kpi|loadgen OUT [maven options...]" >&2
    exit 2
}

[ $# -ge 2 ] || usage
service=$1
out=$2
shift 2
case "$service" in
    cdc-capture|bronze-writer|silver-enricher|gold-kpi) module=services/$service ;;
    loadgen) module=tools/loadgen ;;
    *) echo "assemble: unknown SERVICE '$service'" >&2; usage ;;
esac

# The Delta sink's image carries the s3a/abfss/gs connectors (services/bronze-writer/pom.xml,
# profile object-stores; about 700 MiB more in lib/, most of it the AWS SDK bundle).
profiles=
if [ "$service" = bronze-writer ]; then
    profiles=-Pobject-stores
fi

if [ "$service" = loadgen ]; then
    # A library jar without a manifest of its own: collect its runtime classpath in the same
    # reactor run (the sibling modules are not installed anywhere) and wrap it below.
    mvn -B "$@" -pl "$module" -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime
    libs=$module/target/dependency
else
    # The service module's own package phase writes the manifest and copies target/lib/.
    mvn -B "$@" $profiles -pl "$module" -am -DskipTests package
    libs=$module/target/lib
fi

jar_file=
count=0
for candidate in "$module"/target/medallion-"$service"-*.jar; do
    case "$candidate" in
        *-sources.jar|*-tests.jar|*-javadoc.jar) continue ;;
    esac
    [ -f "$candidate" ] || continue
    jar_file=$candidate
    count=$((count + 1))
done
[ "$count" -eq 1 ] || { echo "assemble: expected one $module/target/medallion-$service-<version>.jar, found $count" >&2; exit 1; }
[ -d "$libs" ] || { echo "assemble: $libs is missing: the module's package phase must copy its runtime dependencies there" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/lib"
cp "$libs"/*.jar "$out/lib/"

if [ "$service" = loadgen ]; then
    cp "$jar_file" "$out/lib/"
    work=$(mktemp -d)
    mkdir "$work/empty"
    classpath=$(cd "$out" && ls lib/*.jar | tr '\n' ' ')
    # Manifest lines may hold 72 bytes: continue the long Class-Path on lines starting with a space.
    {
        echo "Main-Class: io.medallion.loadgen.LoadGeneratorMain"
        printf 'Class-Path: %s\n' "$classpath" | fold -b -w 70 | sed '2,$s/^/ /'
    } > "$work/MANIFEST.MF"
    jar --create --file "$out/app.jar" --manifest "$work/MANIFEST.MF" -C "$work/empty" .
    rm -rf "$work"
else
    cp "$jar_file" "$out/app.jar"
fi
echo "assemble: $out/app.jar and $(ls "$out/lib" | wc -l) jars in $out/lib"
