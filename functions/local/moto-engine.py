"""
moto's DynamoDB and S3 on one loopback port, answering one request at a time.

moto's backends take no locks and moto_server runs each request on its own thread, so two
concurrent conditional writes can both win, increments get lost and a failing transaction can put
back a stale copy of the table. One lock around each request makes every API call atomic, as it is
on the real services. Request bodies are read and responses written outside the lock, so a slow
upload or download does not hold up the other clients.

Usage: python3 moto-engine.py PORT (0 picks a free port). Prints {"port": N} once it listens and
exits when its standard input closes, so it never outlives the process that started it.
"""
import copy
import io
import json
import logging
import os
import sys
import threading

# Only the bucket's own CORS rules may answer a browser, as on S3; moto reads this at import.
os.environ["MOTO_DISABLE_GLOBAL_CORS"] = "true"

import moto.dynamodb.models as dynamodb_models  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from moto.s3.responses import S3Response  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


def answer_form_uploads_with_cors():
    """S3 sends the bucket's CORS headers on a presigned POST's answer; moto 5.2.1 sends none, and
    a browser then reports the finished upload as failed."""
    post = S3Response._bucket_response_post

    def post_with_cors(self, request, bucket_name):
        status, headers, body = post(self, request, bucket_name)
        return status, {**self._get_cors_headers_other(), **headers}, body

    S3Response._bucket_response_post = post_with_cors


def transactions_back_up_only_their_items():
    """moto backs a transaction up by deep-copying each table it touches, once per operation: ~250 ms
    a transaction at a few hundred items, enough to push concurrent requests past handler timeouts.
    One request runs at a time here, so keeping the items the transaction names is enough to undo it."""
    backend = dynamodb_models.DynamoDBBackend
    whole_table_copy = backend.transact_write_items

    class TablesNotCopied:
        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, dynamodb_models.Table) else copy.deepcopy(value, memo)

    dynamodb_models.copy = TablesNotCopied

    def transact_write_items(self, transact_items):
        before = []
        for entry in transact_items:
            try:
                _, op = next(iter(entry.items()))
                table = self.get_table(op["TableName"])
                key = op.get("Key") or {name: op["Item"][name] for name in (table.hash_key_attr, table.range_key_attr) if name}
                hash_value, range_value = self.get_keys_value(table, key)
            except Exception:
                continue  # moto itself refuses this operation, before or without writing it
            before.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))
        try:
            whole_table_copy(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(before):
                if item is None:
                    table.delete_item(hash_value, range_value)
                elif range_value:
                    table.items[hash_value][range_value] = item
                else:
                    table.items[hash_value] = item
            raise

    backend.transact_write_items = transact_write_items


# Requests that only read: every other DynamoDB request may change what an index holds.
READ_ONLY_TARGETS = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "DescribeTable", "ListTables", "DescribeTimeToLive"}
writes = {"generation": 0}


def note_dynamodb_writes(environ):
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target.startswith("DynamoDB_") and target.split(".")[-1] not in READ_ONLY_TARGETS:
        writes["generation"] += 1


def queries_read_only_their_partition():
    """moto answers every Query by walking the whole table (index or not): at a province's volume
    (~100,000 items) one inbox page took seconds and 50 staff at once timed out. DynamoDB reads one
    partition. Here a table Query walks its partition only, and an index Query the items whose index
    hash key matches, from a map rebuilt after any write (one request runs at a time, so it can
    never be read half-built). moto's own matching, sorting, paging and filters still run on them."""
    table_class = dynamodb_models.Table
    original_query = table_class.query
    maps = {}

    def items_by(table, attribute):
        key = (id(table), attribute)
        built = maps.get(key)
        if built is None or built[0] != writes["generation"]:
            grouped = {}
            for item in table.all_items():
                value = item.attrs.get(attribute)
                if value is not None:
                    grouped.setdefault(value, []).append(item)
            built = (writes["generation"], grouped)
            maps[key] = built
        return built[1]

    def candidates(table, hash_key, index_name, hash_key_conditions):
        if not index_name:
            partition = table.items.get(hash_key) if hash_key is not None else None
            if partition is None:
                return []
            return list(partition.values()) if table.range_key_attr else [partition]
        index = next((i for i in table.all_indexes() if i.name == index_name), None)
        hash_attributes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"] if index else []
        if len(hash_attributes) != 1:
            return None
        wanted = dict(hash_key_conditions or [])
        value = wanted.get(hash_attributes[0], hash_key)
        if value is None:
            return None
        return items_by(table, hash_attributes[0]).get(value, [])

    def query(self, hash_key, *args, **kwargs):
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        found = candidates(self, hash_key, index_name, kwargs.get("hash_key_conditions"))
        if found is None:
            return original_query(self, hash_key, *args, **kwargs)
        self.all_items = lambda: list(found)
        try:
            return original_query(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    table_class.query = query


def one_at_a_time(app):
    lock = threading.Lock()

    def serve(environ, start_response):
        stream = environ["wsgi.input"]
        length = environ.get("CONTENT_LENGTH")
        if length:
            body = stream.read(int(length))
        elif environ.get("wsgi.input_terminated"):
            body = stream.read()
        else:
            body = b""
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        with lock:
            note_dynamodb_writes(environ)
            response = app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()

    return serve


def exit_with_parent():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    answer_form_uploads_with_cors()
    transactions_back_up_only_their_items()
    queries_read_only_their_partition()
    app = one_at_a_time(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True)
    threading.Thread(target=exit_with_parent, daemon=True).start()
    print(json.dumps({"port": server.server_port}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
