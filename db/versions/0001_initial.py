"""Initial schema: documents, claims, themes, entities, notes and their FTS indexes.

Revision ID: 0001_initial
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefing_app.store.fts import create_fts, drop_fts
from briefing_app.store.server_schema import create_search, drop_search, first_vector_of


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('name', name=op.f('uq_entities_name'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('reliability', sa.String(length=1), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('colour', sa.String(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes')),
    sa.UniqueConstraint('key', name=op.f('uq_themes_key'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('byline', sa.Text(), nullable=True),
    sa.Column('published', sa.String(), nullable=True),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('encoding', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('imported', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_documents_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256'))
    )
    op.create_table('entity_aliases',
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_aliases_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entity_id', 'alias', name=op.f('pk_entity_aliases'))
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('paragraph', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('suffix', sa.Text(), nullable=False),
    sa.Column('attribution', sa.Text(), nullable=True),
    sa.Column('hedges', sa.Text(), nullable=False),
    sa.Column('reliability', sa.String(length=1), nullable=False),
    sa.Column('credibility', sa.Integer(), nullable=False),
    sa.CheckConstraint("reliability IN ('A','B','C','D','E','F')", name=op.f('ck_claims_reliability_grade')),
    sa.CheckConstraint('credibility BETWEEN 1 AND 6', name=op.f('ck_claims_credibility_range')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_claims_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_document_order', ['document_id', 'start'], unique=False)

    op.create_table('paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_paragraphs_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraphs')),
    sa.UniqueConstraint('document_id', 'idx', name='document_idx')
    )
    op.create_table('claim_themes',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.CheckConstraint("origin IN ('rule','analyst')", name=op.f('ck_claim_themes_origin_kind')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_themes_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_claim_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'theme_id', name=op.f('pk_claim_themes'))
    )
    with op.batch_alter_table('claim_themes', schema=None) as batch_op:
        batch_op.create_index('ix_claim_themes_theme', ['theme_id', 'claim_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_mentions_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_mentions_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_claim', ['claim_id'], unique=False)
        batch_op.create_index('ix_mentions_entity', ['entity_id', 'claim_id'], unique=False)

    op.create_table('notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('updated', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_notes_claim_id_claims'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index('ix_notes_claim', ['claim_id'], unique=False)

    op.create_table('note_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('saved', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['notes.id'], name=op.f('fk_note_revisions_note_id_notes'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_revisions'))
    )
    with op.batch_alter_table('note_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_note_revisions_note', ['note_id'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 1112688966")  # "BRIF"
        create_fts(op.execute)
    else:  # PostgreSQL: vector columns with GIN indexes (store/server_schema.py)
        create_search(op.get_bind().exec_driver_sql, first_vector_of)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_fts(op.execute)
    else:
        drop_search(op.get_bind().exec_driver_sql)
    with op.batch_alter_table('note_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_note_revisions_note')

    op.drop_table('note_revisions')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index('ix_notes_claim')

    op.drop_table('notes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_entity')
        batch_op.drop_index('ix_mentions_claim')

    op.drop_table('mentions')
    with op.batch_alter_table('claim_themes', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_themes_theme')

    op.drop_table('claim_themes')
    op.drop_table('paragraphs')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_document_order')

    op.drop_table('claims')
    op.drop_table('entity_aliases')
    op.drop_table('documents')
    op.drop_table('themes')
    op.drop_table('sources')
    op.drop_table('entities')
