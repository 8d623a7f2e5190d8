using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Tests.Semantics
{
    /// <summary>The async twin lookup on its own: [|…|] marks the call.</summary>
    public sealed class AsyncTwinsTests
    {
        private static AsyncTwin? Find(string body)
        {
            var source = $$"""
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class Api
                {
                    public void Ping() { }
                    public Task PingAsync() => Task.CompletedTask;
                    public int Count(string table) => 0;
                    public ValueTask<int> CountAsync(string table, CancellationToken cancellationToken = default) => default;
                    public string Read(int id) => "";
                    public Task<string> ReadAsync(int id, CancellationToken cancellationToken) => Task.FromResult("");
                    public Task<string> ReadAsync(int id) => Task.FromResult("");
                    public void Touch(ref int x) { }
                    public Task TouchAsync(int x) => Task.CompletedTask;
                    public static int Parse(string s) => 0;
                    public static Task<int> ParseAsync(string s) => Task.FromResult(0);
                    public int Instance(string s) => 0;
                    public static Task<int> InstanceAsync(string s) => Task.FromResult(0);
                }

                class Derived : Api { }

                namespace Lookalike
                {
                    struct Span<T> { }
                    struct Memory<T> { }

                    class Pipe
                    {
                        public int Read(Span<byte> buffer) => 0;
                        public Task<int> ReadAsync(Memory<byte> buffer) => Task.FromResult(0);
                    }
                }

                class C
                {
                    async Task M(Api api, Derived derived, Stream stream, StreamReader reader, Lookalike.Pipe pipe)
                    {
                        {{body}}
                        await Task.Yield();
                    }
                }
                """;
            var (operation, model) = SemanticsTestHelpers.MarkedOperation(source);
            var invocation = Assert.IsAssignableFrom<IInvocationOperation>(operation);
            var twins = AsyncTwinsFactory(model.Compilation);
            return twins.Find(invocation, model.GetEnclosingSymbol(invocation.Syntax.SpanStart)!, EmptyOptions.Instance);
        }

        private static AsyncTwins AsyncTwinsFactory(Compilation compilation)
            => AsyncTwins.Create(compilation, new AnalyzerOptions(default), default);

        [Theory]
        [InlineData("[|api.Ping()|];", "PingAsync", "None")]
        [InlineData("var n = [|api.Count(\"t\")|];", "CountAsync", "Optional")]
        [InlineData("var s = [|api.Read(1)|];", "ReadAsync", "Optional")]
        [InlineData("var s = [|derived.Read(1)|];", "ReadAsync", "Optional")]
        [InlineData("var n = [|Api.Parse(\"1\")|];", "ParseAsync", "None")]
        [InlineData("var s = [|reader.ReadToEnd()|];", "ReadToEndAsync", "Optional")]
        [InlineData("[|stream.Flush()|];", "FlushAsync", "Optional")]
        [InlineData("[|stream.CopyTo(Stream.Null)|];", "CopyToAsync", "Optional")]
        public void Twin_is_found(string body, string twin, string token)
        {
            var found = Find(body);
            Assert.NotNull(found);
            Assert.Equal(twin, found!.Value.Method.Name);
            Assert.Equal(token, found.Value.Token.ToString());
            Assert.True(found.Value.ParametersMatch);
        }

        [Fact]
        public void Twin_with_Memory_instead_of_Span_is_found_but_marked_as_differing()
        {
            var found = Find("Span<byte> b = stackalloc byte[1]; var n = [|stream.Read(b)|];");
            Assert.NotNull(found);
            Assert.Equal("ReadAsync", found!.Value.Method.Name);
            Assert.False(found.Value.ParametersMatch);
        }

        [Fact]
        public void Span_and_Memory_lookalikes_outside_System_are_not_a_twin_pair()
            => Assert.Null(Find("var n = [|pipe.Read(default)|];"));

        [Fact]
        public void Twin_without_token_overload_on_netstandard20()
        {
            const string Source = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> M(StreamReader reader)
                    {
                        await Task.Yield();
                        return [|reader.ReadToEnd()|];
                    }
                }
                """;
            var (operation, model) = SemanticsTestHelpers.MarkedOperation(Source, ReferenceSet.NetStandard20);
            var invocation = Assert.IsAssignableFrom<IInvocationOperation>(operation);
            var found = AsyncTwinsFactory(model.Compilation).Find(invocation, model.GetEnclosingSymbol(invocation.Syntax.SpanStart)!, EmptyOptions.Instance);
            Assert.NotNull(found);
            Assert.Equal("ReadToEndAsync", found!.Value.Method.Name);
            Assert.Equal(TwinTokenShape.None, found.Value.Token);
        }

        [Theory]
        [InlineData("var x = 0; [|api.Touch(ref x)|];")]
        [InlineData("var n = [|api.Instance(\"1\")|];")]
        [InlineData("var ms = new MemoryStream(); [|ms.Flush()|];")]
        [InlineData("[|stream.Dispose()|];")]
        [InlineData("var s = [|Path.GetTempPath()|];")]
        [InlineData("[|Task.Delay(1).Wait(CancellationToken.None)|];")]
        public void No_twin(string body) => Assert.Null(Find(body));

        [Theory]
        [InlineData("M:A.B.Save=>M:A.B.SaveAsync", "M:A.B.Save", "M:A.B.SaveAsync")]
        [InlineData("  M:A.B.Save => M:A.B.PersistAsync(System.Int32) ", "M:A.B.Save", "M:A.B.PersistAsync(System.Int32)")]
        public void Twin_entries_parse(string entry, string from, string to)
        {
            Assert.True(AsyncTwins.TryParseTwin(entry, out var twin));
            Assert.Equal((from, to), twin);
        }

        [Theory]
        [InlineData("M:A.B.Save")]
        [InlineData("=>M:A.B.Save")]
        [InlineData("M:A.B.Save=>")]
        public void Exclusion_entries_are_not_twins(string entry) => Assert.False(AsyncTwins.TryParseTwin(entry, out _));

        private sealed class EmptyOptions : AnalyzerConfigOptions
        {
            public static readonly EmptyOptions Instance = new EmptyOptions();

            public override bool TryGetValue(string key, out string value)
            {
                value = string.Empty;
                return false;
            }
        }
    }
}
