package dev.gatehouse.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel on a disk with {@code room} bytes left: a write takes what fits (a partial
 * write, as write(2) does) and the next fails with "No space left on device". Optionally force
 * (fsync) fails instead, or truncate too.
 */
final class FullDiskChannel extends FileChannel {
    private final FileChannel real;
    private long room;
    private final boolean failForce;
    private final boolean failTruncate;

    FullDiskChannel(FileChannel real, long room, boolean failForce, boolean failTruncate) {
        this.real = real;
        this.room = room;
        this.failForce = failForce;
        this.failTruncate = failTruncate;
    }

    private int limited(ByteBuffer src, long position) throws IOException {
        if (room <= 0) {
            throw new IOException("No space left on device");
        }
        int fits = (int) Math.min(room, src.remaining());
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + fits);
        int written = position < 0 ? real.write(part) : real.write(part, position);
        src.position(src.position() + written);
        room -= written;
        return written;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return limited(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return limited(src, -1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce) {
            throw new IOException("Input/output error");
        }
        real.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (failTruncate) {
            throw new IOException("Read-only file system");
        }
        real.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
