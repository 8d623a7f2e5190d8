using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.TaskEscapesDisposalAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.TaskEscapesDisposalCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC207: tasks returned un-awaited from inside using / try.</summary>
    [Trait("Rule", "ASYNC207")]
    public sealed class TaskEscapesDisposalTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<string> ReadAsync(StreamReader reader) => reader.ReadToEndAsync();
                Task SendAsync(Stream stream) => stream.FlushAsync();
                Task<int> CountAsync() => Task.FromResult(1);

            {{members}}
            }
            """;

        private static DiagnosticResult At(int marker, string where) => Verify.Diagnostic().WithLocation(marker).WithArguments(where);

        [Fact]
        public Task Return_from_using_block_becomes_return_await()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        public Task<string> LoadAsync(string path)
                        {
                            using (var reader = new StreamReader(path))
                            {
                                return {|#0:ReadAsync(reader)|}; // reads the file
                            }
                        }
                    """),
                At(0, "a 'using' block"),
                Wrap("""
                        public async Task<string> LoadAsync(string path)
                        {
                            using (var reader = new StreamReader(path))
                            {
                                return await ReadAsync(reader); // reads the file
                            }
                        }
                    """));

        [Fact]
        public Task Task_reaching_return_through_locals_assigned_once_is_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                        public Task CopyAsync(string from, Stream target)
                        {
                            using var source = File.OpenRead(from);
                            var copy = source.CopyToAsync(target);
                            return {|#0:copy|};
                        }

                        public Task<Task<string>> FirstAsync(string a, string b)
                        {
                            using var left = new StreamReader(a);
                            using var right = new StreamReader(b);
                            var first = ReadAsync(left);
                            var second = ReadAsync(right);
                            return {|#1:Task.WhenAny(first, second)|};
                        }
                    """),
                At(0, "the scope of a 'using' declaration"),
                At(1, "the scope of a 'using' declaration"));

        [Fact]
        public Task Locals_reassigned_or_not_using_the_resource_and_completed_value_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                        public Task CopyAsync(string from, Stream target, bool skip)
                        {
                            using var source = File.OpenRead(from);
                            var pending = source.CopyToAsync(target);
                            pending = Task.CompletedTask;
                            return pending;
                        }

                        public Task<int> OtherAsync(string from)
                        {
                            using var source = File.OpenRead(from);
                            var count = CountAsync();
                            return count;
                        }

                        public ValueTask<int> LengthAsync(string from)
                        {
                            using var source = File.OpenRead(from);
                            return new ValueTask<int>((int)source.Length);
                        }
                    """));

        [Fact]
        public Task Returning_before_the_finally_has_anything_to_release_hands_ownership_to_the_callee()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Writer
                {
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                    private readonly object _sync = new object();

                    public Task<bool> WriteAsync(string message)
                    {
                        var gotLock = false;
                        try
                        {
                            var pending = _gate.WaitAsync(0);
                            // the callee waits for the lock and releases it itself
                            if (!pending.IsCompletedSuccessfully) return WriteAwaitedAsync(pending, message);
                            gotLock = pending.Result;
                            return Task.FromResult(gotLock);
                        }
                        finally
                        {
                            if (gotLock) _gate.Release();
                        }
                    }

                    public Task<bool> TryFirstAsync(string message)
                    {
                        var gotLock = false;
                        try
                        {
                            gotLock = _gate.Wait(0);
                            if (!gotLock)
                            {
                                // not taken: the callee waits for it and releases it
                                return WriteAwaitedAsync(_gate.WaitAsync(1000), message);
                            }

                            return Task.FromResult(true);
                        }
                        finally
                        {
                            if (gotLock) _gate.Release();
                        }
                    }

                    public Task<bool> LockedAsync(string message)
                    {
                        var taken = false;
                        try
                        {
                            Monitor.Enter(_sync, ref taken);
                            return {|#0:WriteAwaitedAsync(Task.FromResult(true), message)|};
                        }
                        finally
                        {
                            if (taken) Monitor.Exit(_sync);
                        }
                    }

                    private async Task<bool> WriteAwaitedAsync(Task<bool> pending, string message)
                    {
                        await pending;
                        _gate.Release();
                        return true;
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("a 'try' with 'finally'"));

        [Fact]
        public Task Using_declaration_and_other_returns_are_adjusted()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        public Task<string> LoadAsync(string path, bool cached)
                        {
                            if (cached)
                            {
                                return Task.FromResult("cached");
                            }

                            using var reader = new StreamReader(path);
                            return {|#0:reader.ReadToEndAsync()|};
                        }
                    """),
                At(0, "the scope of a 'using' declaration"),
                Wrap("""
                        public async Task<string> LoadAsync(string path, bool cached)
                        {
                            if (cached)
                            {
                                return "cached";
                            }

                            using var reader = new StreamReader(path);
                            return await reader.ReadToEndAsync();
                        }
                    """));

        [Fact]
        public Task Non_generic_task_from_try_finally_is_awaited_and_completed_task_returns_become_plain()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        public Task SendAllAsync(Stream stream, bool skip)
                        {
                            if (skip) return Task.CompletedTask;
                            try
                            {
                                return {|#0:SendAsync(stream)|};
                            }
                            finally
                            {
                                Console.WriteLine("sent");
                            }
                        }
                    """),
                At(0, "a 'try' with 'finally'"),
                Wrap("""
                        public async Task SendAllAsync(Stream stream, bool skip)
                        {
                            if (skip) return;
                            try
                            {
                                await SendAsync(stream);
                                return;
                            }
                            finally
                            {
                                Console.WriteLine("sent");
                            }
                        }
                    """));

        [Fact]
        public Task Try_catch_return_is_awaited_so_the_catch_sees_the_exception()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task<int> SafeCountAsync()
                        {
                            try
                            {
                                return {|#0:CountAsync()|};
                            }
                            catch (IOException)
                            {
                                return Task.FromResult(0);
                            }
                        }
                    """),
                At(0, "a 'try' with 'catch'"),
                Wrap("""
                        async Task<int> SafeCountAsync()
                        {
                            try
                            {
                                return await CountAsync();
                            }
                            catch (IOException)
                            {
                                return 0;
                            }
                        }
                    """));

        [Fact]
        public Task Embedded_non_generic_return_becomes_a_block()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task SendTwiceAsync(Stream stream, bool once)
                        {
                            using (stream)
                            {
                                if (once) return {|#0:SendAsync(stream)|};
                                Console.WriteLine("again");
                                return {|#1:SendAsync(stream)|};
                            }
                        }
                    """),
                new[] { At(0, "a 'using' block"), At(1, "a 'using' block") },
                Wrap("""
                        async Task SendTwiceAsync(Stream stream, bool once)
                        {
                            using (stream)
                            {
                                if (once)
                                {
                                    await SendAsync(stream);
                                    return;
                                }
                                Console.WriteLine("again");
                                await SendAsync(stream);
                                return;
                            }
                        }
                    """));

        [Fact]
        public Task Local_function_is_converted()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task<string> M(string path)
                        {
                            return Load();

                            Task<string> Load()
                            {
                                using var reader = new StreamReader(path);
                                return {|#0:ReadAsync(reader)|};
                            }
                        }
                    """),
                At(0, "the scope of a 'using' declaration"),
                Wrap("""
                        Task<string> M(string path)
                        {
                            return Load();

                            async Task<string> Load()
                            {
                                using var reader = new StreamReader(path);
                                return await ReadAsync(reader);
                            }
                        }
                    """));

        [Fact]
        public Task Method_with_out_parameter_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        Task<string> Load(string path, out int size)
                        {
                            size = 0;
                            using var reader = new StreamReader(path);
                            return {|#0:ReadAsync(reader)|};
                        }
                    """),
                At(0, "the scope of a 'using' declaration"),
                Wrap("""
                        Task<string> Load(string path, out int size)
                        {
                            size = 0;
                            using var reader = new StreamReader(path);
                            return {|#0:ReadAsync(reader)|};
                        }
                    """));

        [Fact]
        public Task Task_not_using_the_resource_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<int> M(string path)
                    {
                        using var reader = new StreamReader(path);
                        Console.WriteLine(reader.Peek());
                        return CountAsync();
                    }
                """));

        [Fact]
        public Task Already_async_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task<string> M(string path)
                    {
                        using var reader = new StreamReader(path);
                        return await ReadAsync(reader);
                    }
                """));

        [Fact]
        public Task Completed_tasks_returned_from_try_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<int> M()
                    {
                        try { return Task.FromResult(1); }
                        finally { Console.WriteLine(); }
                    }
                """));

        [Fact]
        public Task Return_after_the_using_block_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<string> M(string path)
                    {
                        string first;
                        using (var reader = new StreamReader(path)) { first = reader.ReadLine() ?? ""; }
                        return Task.FromResult(first);
                    }
                """));

        [Fact]
        public Task Try_without_catch_or_finally_cannot_exist_and_lambdas_inside_are_separate()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Func<Task<int>> M()
                    {
                        try { return () => CountAsync(); }
                        finally { Console.WriteLine(); }
                    }
                """));

        [Fact]
        public Task Non_task_returns_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    string M(string path)
                    {
                        using var reader = new StreamReader(path);
                        return reader.ReadToEnd();
                    }
                """));

        [Fact]
        public Task Resource_used_only_before_the_return_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<int> M(string path)
                    {
                        using (var stream = File.OpenRead(path))
                        {
                            var length = stream.Length;
                            return CountAsync();
                        }
                    }
                """));
    }
}
