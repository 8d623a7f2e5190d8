using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC606: the CancellationToken parameter goes last; the fix updates every call.</summary>
    [Trait("Rule", "ASYNC606")]
    public sealed class TokenLastTests
    {
        private const string Usings = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        private static CodeFixTest<TokenLastAnalyzer, TokenLastCodeFixProvider> Test(string source, string? fixedSource = null)
            => new() { TestCode = Usings + source, FixedCode = Usings + (fixedSource ?? source) };

        [Fact]
        public Task The_token_moves_and_calls_in_other_files_follow()
        {
            var test = Test(
                """
                class Store
                {
                    internal Task SaveAsync(CancellationToken [|cancellationToken|], string key, int version) => Task.CompletedTask;
                }
                """,
                """
                class Store
                {
                    internal Task SaveAsync(string key, int version, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """);
            test.TestState.Sources.Add(("Caller.cs", Usings + """
                class Caller
                {
                    Task RunAsync(Store store, CancellationToken token)
                        => Task.WhenAll(
                            store.SaveAsync(token, "a", 1),
                            store.SaveAsync(version: 2, key: "b", cancellationToken: token));
                }
                """));
            test.FixedState.Sources.Add(("Caller.cs", Usings + """
                class Caller
                {
                    Task RunAsync(Store store, CancellationToken token)
                        => Task.WhenAll(
                            store.SaveAsync("a", 1, token),
                            store.SaveAsync(version: 2, key: "b", cancellationToken: token));
                }
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task An_optional_token_before_optional_parameters_is_named_where_the_call_stops_early()
            => Test(
                """
                class Store
                {
                    Task LoadAsync(string key, CancellationToken [|cancellationToken|] = default, int retries = 3) => Task.CompletedTask;

                    Task UseAsync(CancellationToken token) => Task.WhenAll(LoadAsync("a"), LoadAsync("b", token), LoadAsync("c", token, 5));
                }
                """,
                """
                class Store
                {
                    Task LoadAsync(string key, int retries = 3, CancellationToken cancellationToken = default) => Task.CompletedTask;

                    Task UseAsync(CancellationToken token) => Task.WhenAll(LoadAsync("a"), LoadAsync("b", cancellationToken: token), LoadAsync("c", 5, token));
                }
                """).RunAsync();

        [Fact]
        public Task Extension_methods_constructors_and_nested_calls()
            => Test(
                """
                static class StoreExtensions
                {
                    internal static Task<int> CountAsync(this string key, CancellationToken [|cancellationToken|], int limit) => Task.FromResult(limit);
                }

                class Session
                {
                    internal Session(CancellationToken [|cancellationToken|], string name) { }

                    static async Task<Session> OpenAsync(CancellationToken token)
                        => new Session(token, (await "k".CountAsync(token, await "j".CountAsync(token, 1))).ToString());
                }
                """,
                """
                static class StoreExtensions
                {
                    internal static Task<int> CountAsync(this string key, int limit, CancellationToken cancellationToken) => Task.FromResult(limit);
                }

                class Session
                {
                    internal Session(string name, CancellationToken cancellationToken) { }

                    static async Task<Session> OpenAsync(CancellationToken token)
                        => new Session((await "k".CountAsync(await "j".CountAsync(1, token), token)).ToString(), token);
                }
                """).RunAsync();

        [Fact]
        public Task Local_functions_in_top_level_statements()
        {
            var test = Test(
                """
                await CopyAsync(CancellationToken.None, "from", "to");

                static Task CopyAsync(CancellationToken [|cancellationToken|], string from, string to) => Task.CompletedTask;
                """,
                """
                await CopyAsync("from", "to", CancellationToken.None);

                static Task CopyAsync(string from, string to, CancellationToken cancellationToken) => Task.CompletedTask;
                """);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Virtual_members_public_api_and_method_groups_are_reported_without_a_fix()
            => Test("""
                public class Store
                {
                    public Task SaveAsync(CancellationToken [|cancellationToken|], string key) => Task.CompletedTask;

                    internal virtual Task LoadAsync(CancellationToken [|cancellationToken|], string key) => Task.CompletedTask;

                    internal Task DropAsync(CancellationToken [|cancellationToken|], string key) => Task.CompletedTask;

                    internal Func<CancellationToken, string, Task> Dropper => DropAsync;
                }
                """).RunAsync();

        [Fact]
        public Task Public_api_is_fixed_when_the_switch_allows_it()
        {
            var test = Test(
                """
                public class Store
                {
                    public Task SaveAsync(CancellationToken [|cancellationToken|], string key) => Task.CompletedTask;
                }
                """,
                """
                public class Store
                {
                    public Task SaveAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """);
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nasync_analyzers.ASYNC606.cascade_public_api = true\n"));
            return test.RunAsync();
        }

        // ---- must not flag ----

        [Fact]
        public Task A_token_that_is_already_last()
            => Test("""
                class Store
                {
                    Task SaveAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;

                    Task LoadAsync(string key, CancellationToken cancellationToken = default) => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task Params_out_ref_and_other_tokens_may_follow()
            => Test("""
                class Store
                {
                    void Save(CancellationToken cancellationToken, params string[] keys) { }

                    bool TryLoad(CancellationToken cancellationToken, out string value) { value = ""; return true; }

                    void Link(CancellationToken first, CancellationToken second) { }
                }
                """).RunAsync();

        [Fact]
        public Task A_required_token_before_optional_parameters()
            => Test("""
                class Store
                {
                    Task SaveAsync(string key, CancellationToken cancellationToken, int retries = 3) => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task Overrides_and_interface_implementations()
            => Test("""
                interface IStore
                {
                    Task SaveAsync(CancellationToken [|cancellationToken|], string key);
                }

                abstract class Base
                {
                    internal abstract Task LoadAsync(CancellationToken [|cancellationToken|], string key);
                }

                class Store : Base, IStore
                {
                    public Task SaveAsync(CancellationToken cancellationToken, string key) => Task.CompletedTask;

                    internal override Task LoadAsync(CancellationToken cancellationToken, string key) => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task Constructors_delegates_and_lambdas_with_the_token_last()
            => Test("""
                delegate Task Handler(CancellationToken cancellationToken, string name);

                class Session
                {
                    internal Session(string name, CancellationToken cancellationToken) { }

                    internal Session(CancellationToken cancellationToken) { }

                    Func<CancellationToken, string, Task> Run = (token, name) => Task.CompletedTask;
                }
                """).RunAsync();

        [Fact]
        public Task A_token_extension_receiver()
            => Test("""
                static class TokenExtensions
                {
                    internal static void Log(this CancellationToken token, string message) { }
                }
                """).RunAsync();

        [Fact]
        public Task Generated_code_is_skipped()
            => new CodeFixTest<TokenLastAnalyzer, TokenLastCodeFixProvider>
            {
                TestCode = "// <auto-generated/>\n" + Usings + "class Store\n{\n    void Save(CancellationToken token, string key) { }\n}\n",
            }.RunAsync();

        [Theory]
        [InlineData(ReferenceSet.Net472)]
        [InlineData(ReferenceSet.NetStandard20)]
        public Task Older_frameworks(ReferenceSet references)
        {
            var test = Test(
                """
                class Store
                {
                    void Save(CancellationToken [|cancellationToken|], string key) { }

                    void Use() => Save(CancellationToken.None, "k");
                }
                """,
                """
                class Store
                {
                    void Save(string key, CancellationToken cancellationToken) { }

                    void Use() => Save("k", CancellationToken.None);
                }
                """);
            test.ReferenceAssemblies = references;
            return test.RunAsync();
        }
    }
}
