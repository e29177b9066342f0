using System.Diagnostics;
using OpenLedger.Actors.Silo.Operations;
using OpenLedger.Actors.Silo.Operations.Health;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// Renders every overlay in <c>silo-config/k8s/overlays</c> with <c>kubectl kustomize</c> (no cluster needed) and checks
/// the rendered objects: required fields per kind, probes on the silo's real endpoints, the downward API, a grace
/// period longer than the shutdown timeout, selectors that match, and no secret value anywhere; and the trust boundary:
/// the NetworkPolicy admitting only silos and labelled grain clients to the silo and gateway ports, the public Service
/// publishing HTTP only, the TLS certificates and the internal-call key mounted from Secrets, /metrics on the management port.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(RepositoryPaths.SiloConfig, "k8s", "overlays")).Order())
            data.Add(Path.GetFileName(folder));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_and_every_object_has_what_the_silo_needs(string overlay)
    {
        var objects = Render(overlay);

        Assert.DoesNotContain(objects, o => Kind(o) == "Secret"); // secrets are created by the operator, not committed
        foreach (var o in objects)
        {
            Assert.False(string.IsNullOrEmpty(Str(o, "apiVersion")), $"{Kind(o)} without apiVersion");
            Assert.False(string.IsNullOrEmpty(Str(o, "metadata", "name")), $"{Kind(o)} without a name");
            Assert.Equal(ExpectedApiVersion(Kind(o)), Str(o, "apiVersion"));
        }
        Assert.Equal(["Deployment", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount"], objects.Select(Kind).Order());

        var deployment = objects.Single(o => Kind(o) == "Deployment");
        var podLabels = Map(deployment, "spec", "template", "metadata", "labels");
        Assert.True(IsSubset(Map(deployment, "spec", "selector", "matchLabels"), podLabels), "the Deployment's selector must match its pods");
        var pod = Map(deployment, "spec", "template", "spec");
        var container = Assert.Single(List(pod, "containers")).AsMap();
        var ports = List(container, "ports").Select(p => p.AsMap()).ToDictionary(p => Str(p, "name"), p => Str(p, "containerPort"));

        // Probes on the endpoints the silo maps, on a declared port.
        Assert.Equal(HealthEndpoints.Startup, Str(container, "startupProbe", "httpGet", "path"));
        Assert.Equal(HealthEndpoints.Ready, Str(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(HealthEndpoints.Live, Str(container, "livenessProbe", "httpGet", "path"));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            Assert.Contains(Str(container, probe, "httpGet", "port"), ports.Keys);

        // Configured from the downward API; the storage connection string only from a Secret.
        var env = List(container, "env").Select(e => e.AsMap()).ToDictionary(e => Str(e, "name"));
        Assert.Equal("metadata.name", Str(env["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Str(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("$(POD_IP)", Str(env["OpenLedger__Clustering__AdvertisedIPAddress"], "value"));
        foreach (var (variable, label) in new[] { ("OpenLedger__Clustering__ClusterId", "orleans/clusterId"), ("OpenLedger__Clustering__ServiceId", "orleans/serviceId") })
        {
            Assert.Equal($"metadata.labels['{label}']", Str(env[variable], "valueFrom", "fieldRef", "fieldPath"));
            Assert.Matches("^[A-Za-z0-9._-]{1,64}$", Str(podLabels, label)); // what ClusteringOptions accepts
        }
        Assert.False(string.IsNullOrEmpty(Str(env["OpenLedger__Storage__ConnectionString"], "valueFrom", "secretKeyRef", "name")));
        Assert.All(env.Values, e => Assert.DoesNotMatch("(?i)AccountKey=|SharedAccessSignature=|sig=", Str(e, "value")));
        Assert.Equal(ports["silo"], Str(env["OpenLedger__Clustering__SiloPort"], "value"));
        Assert.Equal(ports["gateway"], Str(env["OpenLedger__Clustering__GatewayPort"], "value"));
        Assert.EndsWith(":" + ports["http"], Str(env["Urls"], "value"));

        // Kubernetes waits longer than the silo's own shutdown timeout before SIGKILL.
        var shutdown = TimeSpan.Parse(Str(env["OpenLedger__Operations__ShutdownTimeout"], "value"));
        Assert.True(int.Parse(Str(pod, "terminationGracePeriodSeconds")) > shutdown.TotalSeconds + 5);
        Assert.Equal(new OperationsOptions().ShutdownTimeout, shutdown);

        // Service and PodDisruptionBudget select these pods; the Service targets declared ports.
        var service = objects.Single(o => Kind(o) == "Service");
        Assert.True(IsSubset(Map(service, "spec", "selector"), podLabels));
        Assert.Equal(["http"], List(service, "spec", "ports").Select(p => Str(p.AsMap(), "targetPort")).Order()); // the gateway is not published
        var budget = objects.Single(o => Kind(o) == "PodDisruptionBudget");
        Assert.True(IsSubset(Map(budget, "spec", "selector", "matchLabels"), podLabels));
        Assert.True(Str(budget, "spec", "maxUnavailable").Length > 0 || Str(budget, "spec", "minAvailable").Length > 0);
        Assert.Equal(Str(deployment, "spec", "template", "spec", "serviceAccountName"), Str(objects.Single(o => Kind(o) == "ServiceAccount"), "metadata", "name"));
        Assert.True(int.Parse(Str(deployment, "spec", "replicas")) >= 2, "a PodDisruptionBudget with one replica blocks every drain");

        TrustBoundaryHolds(objects, podLabels, pod, container, env, ports);
    }

    private static void TrustBoundaryHolds(List<Dictionary<object, object>> objects, Dictionary<object, object> podLabels, Dictionary<object, object> pod,
        Dictionary<object, object> container, Dictionary<string, Dictionary<object, object>> env, Dictionary<string, string> ports)
    {
        // The NetworkPolicy selects the silo pods; HTTP is open, and every rule naming the silo, gateway or management port
        // names who may come (a rule without "from" admits everyone).
        var policy = objects.Single(o => Kind(o) == "NetworkPolicy");
        Assert.True(IsSubset(Map(policy, "spec", "podSelector", "matchLabels"), podLabels), "the NetworkPolicy must select the silo pods");
        Assert.Contains("Ingress", List(policy, "spec", "policyTypes").Select(t => t.ToString()));
        var rules = List(policy, "spec", "ingress").Select(r => r.AsMap()).ToList();
        var admitted = rules.SelectMany(r => List(r, "ports").Select(p => (Port: Str(p.AsMap(), "port"), Rule: r))).ToList();
        Assert.All(admitted, a => Assert.Contains(a.Port, ports.Keys));
        Assert.Contains(admitted, a => a.Port == "http" && !a.Rule.ContainsKey("from"));
        foreach (var closed in new[] { "silo", "gateway", "management" })
        {
            Assert.Contains(admitted, a => a.Port == closed);
            Assert.All(admitted.Where(a => a.Port == closed), a => Assert.NotEmpty(List(a.Rule, "from")));
        }
        var siloPeers = admitted.Where(a => a.Port == "silo").SelectMany(a => List(a.Rule, "from")).Select(f => f.AsMap()).ToList();
        Assert.All(siloPeers, peer => Assert.True(IsSubset(Map(peer, "podSelector", "matchLabels"), podLabels), "only silo pods reach the silo port"));

        // Mutual TLS from a Secret mounted read-only where the silo reads it; the internal-call key from a Secret.
        Assert.Equal("true", Str(env["OpenLedger__Tls__Enabled"], "value"));
        var tlsDirectory = Str(env["OpenLedger__Tls__Directory"], "value");
        var mount = List(container, "volumeMounts").Select(m => m.AsMap()).Single(m => Str(m, "mountPath") == tlsDirectory);
        Assert.Equal("true", Str(mount, "readOnly").ToLowerInvariant());
        var volume = List(pod, "volumes").Select(v => v.AsMap()).Single(v => Str(v, "name") == Str(mount, "name"));
        Assert.False(string.IsNullOrEmpty(Str(volume, "secret", "secretName")), "the TLS certificates come from a Secret");
        foreach (var secret in new[] { "OpenLedger__Security__InternalCallKey", "OpenLedger__Api__KeyIdSecret" })
            Assert.False(string.IsNullOrEmpty(Str(env[secret], "valueFrom", "secretKeyRef", "name")), $"{secret} comes from a Secret");

        // /metrics on the management port, which is where Prometheus is told to scrape.
        Assert.EndsWith(":" + ports["management"], Str(env["OpenLedger__Operations__ManagementUrls"], "value"));
        var deployment = objects.Single(o => Kind(o) == "Deployment");
        Assert.Equal(ports["management"], Str(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
    }

    [Fact]
    public void The_dockerfile_publishes_and_runs_the_silo_as_a_non_root_user_on_the_manifests_ports()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.SiloConfig, "Dockerfile"));
        Assert.Contains("dotnet publish src/OpenLedger.Actors.Silo/OpenLedger.Actors.Silo.csproj", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"OpenLedger.Actors.Silo.dll\"]", dockerfile);
        Assert.Contains("USER $APP_UID", dockerfile);
        Assert.Contains("EXPOSE 8080 9090 11111 30000", dockerfile); // HTTP, management (/metrics), silo, gateway
        Assert.Equal("/metrics", SiloOperationsExtensions.MetricsPath); // the pods' prometheus.io/path annotation
    }

    private static string ExpectedApiVersion(string kind) => kind switch
    {
        "Deployment" => "apps/v1",
        "PodDisruptionBudget" => "policy/v1",
        "NetworkPolicy" => "networking.k8s.io/v1",
        _ => "v1",
    };

    private static List<Dictionary<object, object>> Render(string overlay)
    {
        var kubectl = ExternalTool.Require("kubectl", "apt-get install -y kubernetes-client");
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "kustomize", Path.Combine(RepositoryPaths.SiloConfig, "k8s", "overlays", overlay) }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {stderr.Result}");

        var parser = new Parser(new StringReader(stdout.Result));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }

    private static string Kind(Dictionary<object, object> o) => Str(o, "kind");

    private static object? At(Dictionary<object, object> map, params string[] path)
    {
        object? node = map;
        foreach (var key in path) node = node is Dictionary<object, object> m && m.TryGetValue(key, out var next) ? next : null;
        return node;
    }

    private static string Str(Dictionary<object, object> map, params string[] path) => At(map, path)?.ToString() ?? "";

    private static Dictionary<object, object> Map(Dictionary<object, object> map, params string[] path) =>
        At(map, path) as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"missing map {string.Join('.', path)}");

    private static List<object> List(Dictionary<object, object> map, params string[] path) =>
        At(map, path) as List<object> ?? throw new Xunit.Sdk.XunitException($"missing list {string.Join('.', path)}");

    private static bool IsSubset(Dictionary<object, object> selector, Dictionary<object, object> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var value) && Equals(value, kv.Value));
}

internal static class YamlNodeExtensions
{
    public static Dictionary<object, object> AsMap(this object node) => (Dictionary<object, object>)node;
}
