#!/usr/bin/env bash
# Generates a C# client with Kiota (a dotnet tool, installed into .tools/kiota) from the OpenAPI document of a silo
# started here, builds it with Trail.cs in a scratch project outside the repository, and runs the value trail through it.
#   tests/generated-client/run.sh [base-port]   (ports base..base+3: HTTP, silo, gateway, management; default 11320)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${1:-11320}"
kiota_version=1.38.0
kiota="$root/.tools/kiota/kiota"
[ -x "$kiota" ] || dotnet tool install --tool-path "$root/.tools/kiota" Microsoft.OpenApi.Kiota --version "$kiota_version" >/dev/null
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false

dotnet build "$root/src/OpenLedger.Actors.Silo" -c Release -v quiet -nologo >/dev/null
key="olk_$(openssl rand -hex 8)_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')"
work="$(mktemp -d)"
OpenLedger__Api__Keys__0__KeyId="$(echo "$key" | cut -d_ -f2)" OpenLedger__Api__Keys__0__Account=operator \
OpenLedger__Api__Keys__0__Roles__0=operator OpenLedger__Api__Keys__0__Sha256="$(printf %s "$key" | sha256sum | cut -d' ' -f1)" \
  dotnet "$root/src/OpenLedger.Actors.Silo/bin/Release/net10.0/OpenLedger.Actors.Silo.dll" \
  --http-port "$base" --silo-port $((base+1)) --gateway-port $((base+2)) --management-port $((base+3)) >"$work/silo.log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; wait $silo 2>/dev/null || true; rm -rf "$work"' EXIT
url="http://127.0.0.1:$base"
for _ in $(seq 1 120); do curl -sf "$url/openapi/v1.json" -o "$work/openapi.json" && break; sleep 0.5; done
[ -s "$work/openapi.json" ] || { echo "the silo did not serve its OpenAPI document:"; tail -20 "$work/silo.log"; exit 1; }

"$kiota" generate -l CSharp -d "$work/openapi.json" -o "$work/trail/Client" -c OpenLedgerClient -n OpenLedger.Generated \
  --exclude-backward-compatible --clean-output --log-level Warning
cp "$(dirname "$0")/Trail.cs" "$work/trail/Program.cs"
cat >"$work/trail/Trail.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><NoWarn>CS1591;CS8618</NoWarn></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />
  </ItemGroup>
</Project>
XML
dotnet run --project "$work/trail/Trail.csproj" -c Release -- "$url" "$key"
