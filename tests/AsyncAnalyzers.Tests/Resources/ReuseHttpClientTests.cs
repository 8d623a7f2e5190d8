using System.Threading.Tasks;
using AsyncAnalyzers.Resources;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Resources.ReuseHttpClientAnalyzer>;

namespace AsyncAnalyzers.Tests.Resources
{
    /// <summary>ASYNC403: an HttpClient created per call. No fix: the page shows the shared and factory versions.</summary>
    [Trait("Rule", "ASYNC403")]
    public sealed class ReuseHttpClientTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class Service
            {
            {{members}}
            }
            """;

        // ---- reported ----

        [Fact]
        public Task Using_declaration_per_call()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string> FetchAsync(string url)
                    {
                        using var client = [|new HttpClient()|];
                        return await client.GetStringAsync(url);
                    }
                """));

        [Fact]
        public Task Using_statement_and_target_typed_new()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string> FetchAsync(string url)
                    {
                        using (HttpClient client = [|new()|])
                        {
                            return await client.GetStringAsync(url);
                        }
                    }
                """));

        [Fact]
        public Task Inline_use_and_dropped_client()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<string> FetchAsync(string url) => [|new HttpClient()|].GetStringAsync(url);

                    TimeSpan Timeout() => [|new HttpClient()|].Timeout;
                """));

        [Fact]
        public Task Inside_a_loop_in_Main()
            => Verify.VerifyAnalyzerAsync("""
                using System.Net.Http;
                using System.Threading.Tasks;

                static class Program
                {
                    static async Task Main(string[] urls)
                    {
                        foreach (var url in urls)
                        {
                            using var client = [|new HttpClient()|];
                            await client.GetStringAsync(url);
                        }
                    }
                }
                """);

        [Fact]
        public Task Inside_lambdas_run_per_item()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<string[]> FetchAllAsync(IEnumerable<string> urls)
                        => Task.WhenAll(System.Linq.Enumerable.Select(urls, async url =>
                        {
                            using var client = [|new HttpClient()|];
                            return await client.GetStringAsync(url);
                        }));
                """));

        [Fact]
        public Task With_a_handler_created_per_call()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string> FetchAsync(string url)
                    {
                        using var client = [|new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })|];
                        return await client.GetStringAsync(url);
                    }
                """));

        [Fact]
        public Task Derived_client_type()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    sealed class ApiClient : HttpClient { }

                    async Task PingAsync()
                    {
                        using var client = [|new ApiClient()|];
                        await client.GetAsync("https://example.org");
                    }
                """));

        // ---- not reported ----

        [Fact]
        public Task Static_and_instance_fields_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    private static readonly HttpClient Shared = new HttpClient();
                    private readonly HttpClient _client = new();
                    private HttpClient? _lazy;
                    private HttpClient Client { get; } = new HttpClient();

                    Service() => _lazy = new HttpClient();

                    HttpClient Get() => _lazy ??= new HttpClient();
                """));

        [Fact]
        public Task Factories_registrations_and_wrappers_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    static HttpClient Create() => new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

                    static HttpClient CreateLocal()
                    {
                        var client = new HttpClient();
                        client.DefaultRequestHeaders.Add("X-Api", "1");
                        return client;
                    }

                    static readonly Lazy<HttpClient> LazyClient = new Lazy<HttpClient>(() => new HttpClient());

                    void Register(List<HttpClient> pool) => pool.Add(new HttpClient());

                    Wrapper Wrap() => new Wrapper(new HttpClient());

                    sealed class Wrapper
                    {
                        public Wrapper(HttpClient client) { }
                    }
                """));

        [Fact]
        public Task Shared_handler_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    private static readonly SocketsHttpHandler Handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

                    async Task<string> FetchAsync(string url, HttpMessageHandler injected)
                    {
                        using var client = new HttpClient(Handler, disposeHandler: false);
                        using var other = new HttpClient(injected, false);
                        return await client.GetStringAsync(url) + await other.GetStringAsync(url);
                    }
                """));

        [Fact]
        public Task Main_and_static_constructors_run_once()
            => Verify.VerifyAnalyzerAsync("""
                using System.Net.Http;
                using System.Threading.Tasks;

                static class Program
                {
                    static readonly HttpClient Client;

                    static Program()
                    {
                        var client = new HttpClient();
                        client.DefaultRequestHeaders.Add("User-Agent", "tool");
                        Client = client;
                    }

                    static async Task Main(string[] args)
                    {
                        using var client = new HttpClient();
                        await client.GetStringAsync(args[0]);
                    }
                }
                """);

        [Fact]
        public Task Top_level_statements_run_once()
            => new AnalyzerTest<ReuseHttpClientAnalyzer>
            {
                TestState = { OutputKind = OutputKind.ConsoleApplication },
                TestCode = """
                    using System.Net.Http;

                    using var client = new HttpClient();
                    System.Console.WriteLine(await client.GetStringAsync(args[0]));

                    """,
            }.RunAsync();

        [Fact]
        public Task Captured_by_a_lambda_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Func<string, Task<string>> Fetcher()
                    {
                        var client = new HttpClient();
                        return url => client.GetStringAsync(url);
                    }
                """));

        [Fact]
        public Task Test_projects_are_not_reported()
        {
            var test = new AnalyzerTest<ReuseHttpClientAnalyzer>
            {
                TestCode = Wrap("""
                        async Task<string> FetchAsync(string url)
                        {
                            using var client = new HttpClient();
                            return await client.GetStringAsync(url);
                        }
                    """),
            };
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromImage(FakeAssembly("xunit.core")));
            return test.RunAsync();
        }

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    Task<string> F(string u) => new HttpClient().GetStringAsync(u);"));

        [Fact]
        public Task Other_types_named_HttpClient_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                namespace Mine
                {
                    sealed class HttpClient { public string Get() => ""; }

                    class C
                    {
                        string M() => new HttpClient().Get();
                    }
                }
                """);

        private static System.Collections.Immutable.ImmutableArray<byte> FakeAssembly(string name)
        {
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                name,
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }") },
                ReferenceSets.Get(ReferenceSet.Net100),
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new System.IO.MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success);
            return System.Collections.Immutable.ImmutableArray.Create(stream.ToArray());
        }
    }
}
