#!/usr/bin/python3
"""Benchmark peer: the asyncio + aiohttp pattern most tutorials teach.

One ClientSession, a TCPConnector(limit=C), an asyncio.Semaphore(C), one task
per URL gathered with asyncio.gather, a ClientTimeout per request and retries
with 2**attempt backoff. It is deliberately the textbook version, not a tuned
one: the point of the benchmark is to compare Salvo with what people write.

Prints "STATUS URL" per URL to stdout, STATUS 0 when every attempt failed.
Run it with Debian's /usr/bin/python3 (python3-aiohttp installs there).
"""
import argparse
import asyncio
import sys

import aiohttp

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


async def fetch(session, sem, url, retries, timeout, backoff, out):
    async with sem:
        status = 0
        for attempt in range(retries + 1):
            try:
                async with session.get(url, timeout=timeout) as resp:
                    await resp.read()
                    status = resp.status
                    if status not in RETRYABLE_STATUS:
                        break
            except (aiohttp.ClientError, asyncio.TimeoutError):
                status = 0
            if attempt < retries:
                await asyncio.sleep(backoff * 2 ** attempt)
        out.write(f"{status} {url}\n")


async def main(args):
    with open(args.input) as f:
        urls = [line.strip() for line in f if line.strip()]
    sem = asyncio.Semaphore(args.concurrency)
    timeout = aiohttp.ClientTimeout(total=args.timeout)
    extra = {"ssl": False} if args.insecure else {}
    connector = aiohttp.TCPConnector(limit=args.concurrency, **extra)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [fetch(session, sem, u, args.retries, timeout, args.backoff, sys.stdout)
                 for u in urls]
        await asyncio.gather(*tasks)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input", help="file with one URL per line")
    p.add_argument("-c", "--concurrency", type=int, default=64)
    p.add_argument("--retries", type=int, default=2)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    p.add_argument("--insecure", action="store_true", help="do not verify TLS certificates")
    p.add_argument("--backoff", type=float, default=1.0, help="seconds; doubles per attempt")
    asyncio.run(main(p.parse_args()))
