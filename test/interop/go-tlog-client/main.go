// Command go-tlog-client is an independent C2SP tlog-tiles client built on the Go checksum
// database's tlog and note packages. It fetches a log's checkpoint and tiles over HTTP, verifies
// the signed note, recomputes the tree hash from the tiles, and proves the inclusion of leaves
// (hashing each leaf's entry from its entry bundle) with tlog.ProveRecord and tlog.CheckRecord.
//
// Usage: go-tlog-client <base URL of the log> <verifier key> <leaf index>...
package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

func get(url string) ([]byte, error) {
	res, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: HTTP %d", url, res.StatusCode)
	}
	return io.ReadAll(res.Body)
}

// tileReader reads hash tiles at the C2SP paths, which drop the height from Go's sumdb paths.
type tileReader struct{ base string }

func (r tileReader) Height() int { return tileHeight }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := "tile/" + strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", tileHeight))
		b, err := get(r.base + "/" + path)
		if err != nil {
			return nil, err
		}
		data[i] = b
	}
	return data, nil
}

func (r tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

// checkpoint parses a C2SP checkpoint body: origin, decimal size, base64 root hash.
func checkpoint(text string) (string, tlog.Tree, error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 {
		return "", tlog.Tree{}, errors.New("malformed checkpoint")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return "", tlog.Tree{}, err
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return "", tlog.Tree{}, errors.New("malformed root hash")
	}
	var hash tlog.Hash
	copy(hash[:], root)
	return lines[0], tlog.Tree{N: size, Hash: hash}, nil
}

// entry reads entry `index` from its entry bundle in a tree of `size` leaves.
func entry(base string, index, size int64) ([]byte, error) {
	bundle := index / 256
	width := size - bundle*256
	path := tlog.Tile{H: tileHeight, L: 0, N: bundle, W: 256}.Path()
	if width < 256 {
		path = tlog.Tile{H: tileHeight, L: 0, N: bundle, W: int(width)}.Path()
	}
	path = "tile/entries/" + strings.TrimPrefix(path, fmt.Sprintf("tile/%d/0/", tileHeight))
	data, err := get(base + "/" + path)
	if err != nil {
		return nil, err
	}
	for i := int64(0); len(data) >= 2; i++ {
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, errors.New("truncated entry bundle")
		}
		if i == index%256 {
			return data[2 : 2+n], nil
		}
		data = data[2+n:]
	}
	return nil, fmt.Errorf("entry %d is not in its bundle", index)
}

func run(base, vkey string, indexes []string) error {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return err
	}
	msg, err := get(base + "/checkpoint")
	if err != nil {
		return err
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	origin, tree, err := checkpoint(n.Text)
	if err != nil {
		return err
	}
	hashes := tlog.TileHashReader(tree, tileReader{base})
	root, err := tlog.TreeHash(tree.N, hashes)
	if err != nil {
		return fmt.Errorf("tree hash: %w", err)
	}
	if root != tree.Hash {
		return errors.New("the tiles do not hash to the checkpoint's root")
	}
	for _, arg := range indexes {
		index, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return err
		}
		data, err := entry(base, index, tree.N)
		if err != nil {
			return err
		}
		proof, err := tlog.ProveRecord(tree.N, index, hashes)
		if err != nil {
			return fmt.Errorf("prove record %d: %w", index, err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(data)); err != nil {
			return fmt.Errorf("record %d: %w", index, err)
		}
		fmt.Printf("included %d %s\n", index, data)
	}
	fmt.Printf("verified %s %d\n", origin, tree.N)
	return nil
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: go-tlog-client <log URL> <verifier key> <leaf index>...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "go-tlog-client:", err)
		os.Exit(1)
	}
}
