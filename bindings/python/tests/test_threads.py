import threading

import docverify

INPUTS = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n",
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<10\n",
]


def run(ctx, rounds=30):
    return [ctx.parse_mrz(t).to_json() for _ in range(rounds) for t in INPUTS]


def test_threads_with_own_contexts_agree():
    expected = run(docverify.Context(today="2010-01-01"))
    results = [None] * 8

    def work(i):
        with docverify.Context(today="2010-01-01") as ctx:  # one context per thread
            results[i] = run(ctx)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_module_function_is_thread_safe():
    out = [None] * 4

    def work(i):
        out[i] = [docverify.parse_mrz(t, today="2010-01-01").to_json() for t in INPUTS * 10]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o == out[0] for o in out)
