using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Resources;
using AsyncAnalyzers.Resources;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Resources.AwaitUsingAnalyzer, AsyncAnalyzers.CodeFixes.Resources.AwaitUsingCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Resources
{
    /// <summary>ASYNC401: synchronous disposal of async-disposable resources in async code.</summary>
    [Trait("Rule", "ASYNC401")]
    public sealed class AwaitUsingTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            {{members}}
            }
            """;

        // ---- reported, with the fix ----

        [Fact]
        public Task Using_statement_with_a_declaration_becomes_await_using()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<int> CountAsync(string path)
                        {
                            // open the file
                            [|using|] (var stream = File.OpenRead(path))
                            {
                                return await Task.FromResult((int)stream.Length);
                            }
                        }
                    """),
                Wrap("""
                        async Task<int> CountAsync(string path)
                        {
                            // open the file
                            await using (var stream = File.OpenRead(path))
                            {
                                return await Task.FromResult((int)stream.Length);
                            }
                        }
                    """));

        [Fact]
        public Task Using_declaration_keeps_its_form()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task WriteAsync(string path, string text)
                        {
                            [|using|] var writer = new StreamWriter(path); // flushed on dispose
                            await writer.WriteAsync(text);
                        }
                    """),
                Wrap("""
                        async Task WriteAsync(string path, string text)
                        {
                            await using var writer = new StreamWriter(path); // flushed on dispose
                            await writer.WriteAsync(text);
                        }
                    """));

        [Fact]
        public Task Using_statement_over_an_existing_resource()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task CopyAsync(Stream source, Stream target)
                        {
                            [|using|] (target)
                                await source.CopyToAsync(target);
                        }
                    """),
                Wrap("""
                        async Task CopyAsync(Stream source, Stream target)
                        {
                            await using (target)
                                await source.CopyToAsync(target);
                        }
                    """));

        [Fact]
        public Task Async_lambda_and_async_local_function()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Func<string, Task> Writer() => async path =>
                        {
                            [|using|] var writer = File.CreateText(path);
                            await writer.WriteLineAsync("x");
                        };

                        async Task RunAsync(string path)
                        {
                            await Local();

                            async Task Local()
                            {
                                [|using|] var stream = File.OpenRead(path);
                                await stream.FlushAsync();
                            }
                        }
                    """),
                Wrap("""
                        Func<string, Task> Writer() => async path =>
                        {
                            await using var writer = File.CreateText(path);
                            await writer.WriteLineAsync("x");
                        };

                        async Task RunAsync(string path)
                        {
                            await Local();

                            async Task Local()
                            {
                                await using var stream = File.OpenRead(path);
                                await stream.FlushAsync();
                            }
                        }
                    """));

        [Fact]
        public Task Explicit_dispose_call_becomes_await_DisposeAsync()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task SaveAsync(Stream stream, byte[] data)
                        {
                            await stream.WriteAsync(data);
                            [|stream.Dispose()|]; // done with it
                        }
                    """),
                Wrap("""
                        async Task SaveAsync(Stream stream, byte[] data)
                        {
                            await stream.WriteAsync(data);
                            await stream.DisposeAsync(); // done with it
                        }
                    """));

        [Fact]
        public Task Explicit_interface_implementation_gets_a_cast()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading.Tasks;

                sealed class Session : IDisposable, IAsyncDisposable
                {
                    public void Dispose() { }
                    ValueTask IAsyncDisposable.DisposeAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Session session)
                    {
                        await Task.Yield();
                        [|session.Dispose()|];
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                sealed class Session : IDisposable, IAsyncDisposable
                {
                    public void Dispose() { }
                    ValueTask IAsyncDisposable.DisposeAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Session session)
                    {
                        await Task.Yield();
                        await ((IAsyncDisposable)session).DisposeAsync();
                    }
                }
                """);

        [Fact]
        public Task ConfigureAwait_convention_is_kept_for_the_expression_form()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task CopyAsync(Stream source, Stream target)
                        {
                            [|using|] (target)
                            {
                                await source.CopyToAsync(target).ConfigureAwait(false);
                            }
                        }
                    """),
                Wrap("""
                        async Task CopyAsync(Stream source, Stream target)
                        {
                            await using (target.ConfigureAwait(false))
                            {
                                await source.CopyToAsync(target).ConfigureAwait(false);
                            }
                        }
                    """));

        [Fact]
        public Task ConfigureAwait_convention_applies_to_the_DisposeAsync_await()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task SaveAsync(Stream stream, byte[] data)
                        {
                            await stream.WriteAsync(data).ConfigureAwait(false);
                            [|stream.Dispose()|];
                        }
                    """),
                Wrap("""
                        async Task SaveAsync(Stream stream, byte[] data)
                        {
                            await stream.WriteAsync(data).ConfigureAwait(false);
                            await stream.DisposeAsync().ConfigureAwait(false);
                        }
                    """));

        [Fact]
        public Task Top_level_statements_that_await()
            => new CodeFixTest<AwaitUsingAnalyzer, AwaitUsingCodeFixProvider>
            {
                TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
                TestCode = """
                    using System.IO;

                    [|using|] var writer = File.CreateText("log.txt");
                    await writer.WriteLineAsync("started");

                    """,
                FixedCode = """
                    using System.IO;

                    await using var writer = File.CreateText("log.txt");
                    await writer.WriteLineAsync("started");

                    """,
            }.RunAsync();

        [Fact]
        public Task Database_reader_and_command()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Data.Common;
                using System.Threading.Tasks;

                class Repository
                {
                    async Task<int> CountAsync(DbConnection connection)
                    {
                        [|using|] var command = connection.CreateCommand();
                        command.CommandText = "select 1";
                        [|using|] var reader = await command.ExecuteReaderAsync();
                        var rows = 0;
                        while (await reader.ReadAsync())
                        {
                            rows++;
                        }

                        return rows;
                    }
                }
                """,
                """
                using System.Data.Common;
                using System.Threading.Tasks;

                class Repository
                {
                    async Task<int> CountAsync(DbConnection connection)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "select 1";
                        await using var reader = await command.ExecuteReaderAsync();
                        var rows = 0;
                        while (await reader.ReadAsync())
                        {
                            rows++;
                        }

                        return rows;
                    }
                }
                """);

        // ---- not reported ----

        [Fact]
        public Task Synchronous_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    int Count(string path)
                    {
                        using var stream = File.OpenRead(path);
                        using (var writer = new StreamWriter(path + ".bak")) { writer.Write(1); }
                        stream.Dispose();
                        return 0;
                    }
                """));

        [Fact]
        public Task Synchronous_lambda_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(string[] paths)
                    {
                        await Task.Yield();
                        Array.ForEach(paths, p =>
                        {
                            using var stream = File.OpenRead(p);
                        });
                    }
                """));

        [Fact]
        public Task Await_using_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(string path, Stream target)
                    {
                        await using var stream = File.OpenRead(path);
                        await using (target) { await stream.CopyToAsync(target); }
                        await using (var copy = File.OpenRead(path)) { }
                    }
                """));

        [Fact]
        public Task In_memory_types_are_excluded()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string> RenderAsync(byte[] data)
                    {
                        using var memory = new MemoryStream(data);
                        using var text = new StringWriter();
                        await text.WriteAsync("x");
                        memory.Dispose();
                        return text.ToString();
                    }
                """));

        [Fact]
        public Task Token_registrations_and_timers_are_excluded()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task WaitAsync(CancellationToken token)
                    {
                        using var registration = token.Register(() => { });
                        using var timer = new Timer(_ => { }, null, 1000, 1000);
                        await Task.Delay(10, token);
                    }
                """));

        [Fact]
        public Task Only_IDisposable_types_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(string path)
                    {
                        using var gate = new SemaphoreSlim(1);
                        using var source = new CancellationTokenSource();
                        using (IDisposable stream = File.OpenRead(path)) { }
                        await gate.WaitAsync();
                        gate.Dispose();
                    }
                """));

        [Fact]
        public async Task Types_excluded_by_option_are_not_reported()
        {
            var test = new AnalyzerTest<AwaitUsingAnalyzer>
            {
                TestCode = Wrap("""
                        async Task RunAsync(string path)
                        {
                            using var stream = File.OpenRead(path);
                            using var writer = new StreamWriter(path);
                            await stream.FlushAsync();
                        }
                    """),
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.ASYNC401.exclude_types = T:System.IO.FileStream, N:System.IO\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Own_disposal_pattern_is_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;

                class Resource : IDisposable, IAsyncDisposable
                {
                    public void Dispose() => Dispose(true);

                    protected virtual void Dispose(bool disposing) { }

                    public async ValueTask DisposeAsync()
                    {
                        await Task.Yield();
                        Dispose(false);
                        this.Dispose();
                        Dispose();
                    }
                }
                """);

        [Fact]
        public Task Inside_a_lock_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    private readonly object _gate = new object();

                    async Task RunAsync(string path)
                    {
                        await Task.Yield();
                        lock (_gate)
                        {
                            using var stream = File.OpenRead(path);
                            stream.Dispose();
                        }
                    }
                """));

        [Fact]
        public Task Conditional_dispose_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task RunAsync(Stream? stream)
                    {
                        await Task.Yield();
                        {|ASYNC401:stream?.Dispose()|};
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    async Task RunAsync(string p) { await Task.Yield(); using var s = File.OpenRead(p); }"));

        [Fact]
        public Task Netstandard20_without_IAsyncDisposable_is_not_reported()
            => new AnalyzerTest<AwaitUsingAnalyzer>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.IO;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task RunAsync(string path)
                        {
                            await Task.Yield();
                            using (var stream = File.OpenRead(path)) { }
                        }
                    }
                    """,
            }.RunAsync();
    }
}
